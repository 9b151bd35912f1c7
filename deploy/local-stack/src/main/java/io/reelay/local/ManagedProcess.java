package io.reelay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A server process started by the local stack, its output going to one log file. Stopping or killing it also
 * ends whatever it started itself (ffmpeg under encode), so nothing outlives the stack.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Instant startedAt;
    private volatile Duration readyAfter;

    private ManagedProcess(String name, Process process, Path logFile, Instant startedAt) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.startedAt = startedAt;
    }

    /**
     * @param command the program and its arguments, never a shell string
     * @param env variables for the child, on top of (and overriding) the environment this JVM was started with
     * @param logFile appended to, so that a process started again after a crash keeps the log of the one before
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
                                       Path logFile) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(env);
            return new ManagedProcess(name, builder.start(), logFile, Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + command, e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Completes with the exit code when the process ends, however it ends. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Exit code, once the process has ended. */
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** How long after its start the process answered its health check, once it has. */
    public Optional<Duration> readyAfter() {
        return Optional.ofNullable(readyAfter);
    }

    /**
     * Waits until {@code healthUrl} answers (see {@link Health#await}); gives up early, pointing at the log, if
     * the process exits first. A process that never became ready is stopped before the exception is thrown.
     */
    public ManagedProcess awaitReady(URI healthUrl, Duration timeout) {
        try {
            Health.await(healthUrl, timeout, this);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        readyAfter = Duration.between(startedAt, Instant.now());
        return this;
    }

    /**
     * Waits for a short-lived process (a tool run, not a server) to finish; kills it when it overruns.
     *
     * @return its exit code
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s; see "
                        + logFile);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
    }

    /** SIGTERM, then SIGKILL if the process has not ended within the grace period. Returns the exit code. */
    public int stop() {
        List<ProcessHandle> children = descendants();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        // A child the process left behind on its way out would be re-parented to init and run on unseen.
        children.forEach(ProcessHandle::destroyForcibly);
        return process.exitValue();
    }

    /** SIGKILL to the process and everything it started, as if its machine had died. Returns once it is gone. */
    public void kill() {
        List<ProcessHandle> children = descendants();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.onExit().join();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ", log " + logFile + ")";
    }

    private List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }
}
