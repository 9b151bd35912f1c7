package io.reelay.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the launcher was asked to do.
 *
 * @param dataDir where data and logs go; the repository's {@code .local-stack/} when empty
 * @param video a video to submit instead of the generated sample
 * @param runSample whether to submit a sample job once the stack is up
 * @param apiKey the API key of the local tenant; a fresh random one when empty
 */
record LaunchOptions(Optional<Path> dataDir, Optional<Path> video, boolean runSample, StackPorts ports,
                     Optional<String> apiKey, boolean help) {

    static final String USAGE = """
            Usage: bash deploy/local/run.sh [options] [video]

            Starts Kafka, Apicurio Registry, S3Proxy and the five Reelay services on 127.0.0.1, submits a job for
            the given video (or a generated 10 s sample) and shows its progress. Ctrl-C stops everything.

            Options:
              --data-dir DIR             data and logs (default: .local-stack/ in the repository; cleared on start)
              --no-sample                start the stack only, submit no job
              --api-key KEY              API key of the local tenant (default: a new random key on every start)
              --kafka-port N             Kafka (default 9092)
              --kafka-controller-port N  Kafka's KRaft controller (default 9093)
              --registry-port N          Apicurio Registry (default 8180)
              --s3-port N                S3Proxy (default 9000)
              --ingest-port N, --probe-port N, --encode-port N, --upload-port N, --state-port N
                                         the services' HTTP ports (default 8081 to 8085)
              -h, --help                 this text
            """;

    static LaunchOptions parse(List<String> args) {
        Optional<Path> dataDir = Optional.empty();
        Optional<Path> video = Optional.empty();
        Optional<String> apiKey = Optional.empty();
        boolean runSample = true;
        boolean help = false;
        StackPorts ports = StackPorts.defaults();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-")) {
                if (video.isPresent()) {
                    throw new IllegalArgumentException("Only one video can be given, got " + video.get() + " and " + arg);
                }
                video = Optional.of(Path.of(arg));
                continue;
            }
            String name = arg.replaceFirst("^--?", "").replaceFirst("=.*", "");
            switch (name) {
                case "h", "help" -> help = true;
                case "no-sample" -> runSample = false;
                default -> {
                    if (!name.equals("data-dir") && !name.equals("api-key") && !ports.byFlag().containsKey(name)) {
                        throw new IllegalArgumentException("Unknown option " + arg);
                    }
                    String value;
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new IllegalArgumentException("--" + name + " needs a value");
                    }
                    if (name.equals("data-dir")) {
                        dataDir = Optional.of(Path.of(value));
                    } else if (name.equals("api-key")) {
                        apiKey = Optional.of(value);
                    } else {
                        ports = ports.with(name, port(name, value));
                    }
                }
            }
        }
        return new LaunchOptions(dataDir, video, runSample, ports, apiKey, help);
    }

    private static int port(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not " + value);
        }
    }
}
