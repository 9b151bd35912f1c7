package io.reelay.probe.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an external program from an argument list (never a shell string) with a time limit, capturing what it
 * writes. Output goes to temporary files rather than pipes so that a chatty process can never block on a full
 * pipe buffer while we wait for it, and no reader threads are needed.
 */
public final class ProcessRunner {

    public ProcessResult run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return run(command, timeout, process -> { });
    }

    /**
     * @param onStart told of the process as soon as it runs, so that it can be killed from elsewhere (a revoke);
     *                the result then shows the signal's exit code
     */
    public ProcessResult run(List<String> command, Duration timeout, Consumer<Process> onStart)
            throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("reelay-process-", ".out");
        Path stderr = Files.createTempFile("reelay-process-", ".err");
        try {
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            // ffmpeg-family programs read keyboard commands from stdin; closed, there is nothing to wait for.
            process.getOutputStream().close();
            onStart.accept(process);
            boolean finished = false;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                if (!finished) {
                    kill(process);
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new ProcessResult(finished ? process.exitValue() : -1, read(stdout), read(stderr), !finished,
                    elapsed);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Kills the process and every process it started, and waits until it is gone. */
    public static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
    }

    private static String read(Path file) throws IOException {
        // Lenient decoding: metadata in a source can hold bytes that are not valid UTF-8.
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
