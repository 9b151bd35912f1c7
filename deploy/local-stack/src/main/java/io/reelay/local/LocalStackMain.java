package io.reelay.local;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code bash deploy/local/run.sh}: starts the local stack, puts a sample video through it with a live progress
 * bar, and keeps everything running until Ctrl-C, which stops every process it started.
 */
public final class LocalStackMain {

    /** Exit codes of a JVM ended by SIGINT or SIGTERM: what Ctrl-C does to the whole process group. */
    private static final List<Integer> SIGNALLED = List.of(130, 143);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final PrintStream out = System.out;
    private volatile boolean stopping;

    private LocalStackMain() {
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n\n" + LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LaunchOptions.USAGE);
            return;
        }
        try {
            System.exit(new LocalStackMain().run(options));
        } catch (RuntimeException e) {
            System.err.println("\nThe local stack could not start: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    private int run(LaunchOptions options) throws InterruptedException {
        ReelayHome home = ReelayHome.locate();
        options.video().filter(v -> !Files.isRegularFile(v)).ifPresent(v -> {
            throw new IllegalArgumentException(v + " is not a file");
        });
        StackDirectory data = new StackDirectory(options.dataDir().orElse(home.defaultDataDir())
                .toAbsolutePath().normalize()).clear();
        out.println("Reelay local stack: data in " + data.root() + ", logs in " + data.logs());

        LocalStack stack = new LocalStack(home, data, options.ports(),
                options.apiKey().orElseGet(LocalStack::newApiKey), this::printReady);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            out.println("\nStopping the local stack ...");
            stack.close();
            stopRemainingChildren();
            out.println("Stopped.");
        }, "local-stack-shutdown"));

        Instant started = Instant.now();
        stack.start();
        out.printf("All healthy after %.1f s.%n%n", secondsSince(started));
        printEndpoints(stack);

        if (options.runSample()) {
            try {
                runSample(stack, data, options.video());
            } catch (RuntimeException e) {
                // the stack itself is up: leave it running so that the logs and the services can be inspected
                out.println("\nThe sample job could not run: " + e.getMessage());
            }
        }
        out.println("\nThe stack keeps running; Ctrl-C stops it.");
        return awaitUnexpectedExit(stack);
    }

    private void runSample(LocalStack stack, StackDirectory data, Optional<Path> given)
            throws InterruptedException {
        Path video;
        if (given.isPresent()) {
            video = given.get();
        } else {
            out.print("\nGenerating a " + SampleVideo.SECONDS + " s 1080p sample video ... ");
            out.flush();
            Instant began = Instant.now();
            video = SampleVideo.generate(data.component("sample").resolve("sample.mp4"), data.logFile("sample-ffmpeg"));
            out.printf("done in %.1f s%n", secondsSince(began));
        }
        StackPorts ports = stack.ports();
        ReelayClient client = new ReelayClient(localUrl(ports.servicePort("ingest-service")),
                localUrl(ports.servicePort("state-service")), stack.apiKey());
        String referenceId = given.isPresent() ? SampleJob.referenceIdOf(video) : "sample";
        Instant submitted = Instant.now();
        JobProgress result = SampleJob.run(client, video, referenceId, out,
                new ProgressDisplay(out, System.console() != null));
        out.printf("%nJob %s %s after %.1f s.%n", result.jobId(), result.status(), secondsSince(submitted));
        if (result.failure() != null) {
            out.println("  failure: " + result.failure());
        }
        for (JobProgress.Output output : result.outputs()) {
            if (output.playlistUrl() != null) {
                out.println("  " + output.outputId() + " master playlist: " + output.playlistUrl());
            }
            if (output.failure() != null) {
                out.println("  " + output.outputId() + " failed: " + output.failure());
            }
        }
    }

    /** Blocks until a process ends on its own; Ctrl-C ends the JVM through the shutdown hook instead. */
    private int awaitUnexpectedExit(LocalStack stack) {
        List<ManagedProcess> processes = stack.processes();
        CompletableFuture.anyOf(processes.stream().map(ManagedProcess::onExit).toArray(CompletableFuture[]::new))
                .join();
        for (ManagedProcess process : processes) {
            Integer exit = process.exitCode().orElse(null);
            if (exit != null && !stopping && !SIGNALLED.contains(exit)) {
                System.err.println(process.name() + " exited with code " + exit + "; see " + process.logFile()
                        + ". Stopping the rest.");
            }
        }
        return 1;
    }

    /**
     * Processes still starting when the stop came are not part of the stack yet, but they are this JVM's
     * children all the same: they get SIGTERM and a grace period too, then SIGKILL.
     */
    private static void stopRemainingChildren() {
        List<ProcessHandle> remaining = ProcessHandle.current().descendants().toList();
        remaining.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(remaining.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            remaining.forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            remaining.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private void printReady(ManagedProcess process) {
        synchronized (out) {
            out.printf("  %-15s ready after %5.1f s   log %s%n", process.name(),
                    process.readyAfter().orElse(Duration.ZERO).toMillis() / 1000.0, process.logFile().getFileName());
        }
    }

    private void printEndpoints(LocalStack stack) {
        StackPorts ports = stack.ports();
        out.println("  Kafka bootstrap   " + stack.kafkaBootstrapServers());
        out.println("  Schema registry   " + ApicurioRegistry.registryUrl(ports.registry())
                + "  (Confluent API " + ApicurioRegistry.ccompatUrl(ports.registry()) + ")");
        out.println("  S3 API            " + S3ProxyServer.endpoint(ports.s3()) + "  (access key "
                + LocalStack.ACCESS_KEY + ", secret " + LocalStack.SECRET_KEY + ", buckets "
                + String.join(", ", StackProvisioner.BUCKETS) + ")");
        for (ReelayService.Spec spec : ports.services()) {
            out.printf("  %-17s %s%n", spec.module(), localUrl(spec.httpPort()));
        }
        // printed here only: the services never log a key
        out.println("  API key           " + stack.apiKey() + "  (tenant " + LocalStack.TENANT
                + "; send it as 'Authorization: Bearer <key>')");
        out.println("  Live page         " + localUrl(ports.servicePort("state-service")) + "/#key=" + stack.apiKey());
    }

    private static URI localUrl(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static double secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }
}
