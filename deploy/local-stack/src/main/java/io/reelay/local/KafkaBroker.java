package io.reelay.local;

import org.apache.kafka.common.Uuid;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), run from the Kafka jars the
 * {@code deploy/kafka-broker} module collects. Its files live in {@code <data>/kafka/}, its log in
 * {@code <data>/logs/kafka.log}.
 */
public final class KafkaBroker {

    public static final String NAME = "kafka";
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final String MAX_HEAP = "-Xmx512m";

    private KafkaBroker() {
    }

    /** Starts the broker from the repository found by {@link ReelayHome#locate()}; returns once it accepts connections. */
    public static ManagedProcess start(Path dataDir, int port, int controllerPort) {
        return start(ReelayHome.locate(), dataDir, port, controllerPort);
    }

    public static ManagedProcess start(ReelayHome home, Path dataDir, int port, int controllerPort) {
        StackDirectory stack = new StackDirectory(dataDir);
        Path work = stack.component(NAME);
        Path logDirs = work.resolve("data");
        Path serverProperties = ConfigFiles.write(work.resolve("server.properties"),
                serverProperties(logDirs, port, controllerPort));
        Path log4jProperties = ConfigFiles.write(work.resolve("log4j.properties"), log4jProperties());
        String classpath = home.kafkaLibDir().resolve("*").toString();

        // A data dir formatted before is started on as it is, keeping its cluster id, topics and offsets; formatting
        // it again, even with --ignore-formatted, fails on the new cluster id.
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            format(List.of(MAX_HEAP, "-cp", classpath, "kafka.tools.StorageTool", "format",
                    "-t", Uuid.randomUuid().toString(), "-c", serverProperties.toString()),
                    work, stack.logFile(NAME + "-format"));
        }

        ManagedProcess broker = ManagedProcess.start(NAME, Jvm.command(List.of(MAX_HEAP,
                        "-Dlog4j.configuration=" + log4jProperties.toUri(), "-cp", classpath, "kafka.Kafka",
                        serverProperties.toString())),
                Map.of(), work, stack.logFile(NAME));
        return broker.awaitReady(URI.create("tcp://127.0.0.1:" + port), READY_TIMEOUT);
    }

    /** {@code host:port} clients connect to. */
    public static String bootstrapServers(int port) {
        return "127.0.0.1:" + port;
    }

    static Map<String, String> serverProperties(Path logDirs, int port, int controllerPort) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", logDirs.toString());
        config.put("num.partitions", "6");
        // One broker: internal topics cannot have more replicas, or consumer groups and transactions never form.
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        // Services start together; waiting for more members to join only delays the first assignment.
        config.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created up front with their settings; a typo in a topic name must not create a new one.
        config.put("auto.create.topics.enable", "false");
        return config;
    }

    private static Map<String, String> log4jProperties() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("log4j.rootLogger", "INFO, stdout");
        config.put("log4j.appender.stdout", "org.apache.log4j.ConsoleAppender");
        config.put("log4j.appender.stdout.layout", "org.apache.log4j.PatternLayout");
        config.put("log4j.appender.stdout.layout.ConversionPattern", "[%d] %p %m (%c)%n");
        return config;
    }

    private static void format(List<String> arguments, Path work, Path logFile) {
        try (ManagedProcess storageTool = ManagedProcess.start(NAME + "-format", Jvm.command(arguments), Map.of(),
                work, logFile)) {
            int exit = storageTool.awaitExit(FORMAT_TIMEOUT);
            if (exit != 0) {
                throw new IllegalStateException("Formatting Kafka's storage failed (exit " + exit + "); see " + logFile);
            }
        }
    }
}
