package io.reelay.encode.process;

import io.reelay.encode.core.Progress;
import io.reelay.encode.core.ProgressParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running ffmpeg: started from an argument list (never a shell string), its {@code -progress} reports read
 * from stdout, the last lines of stderr kept for the failure message, killable at any time.
 */
public final class FfmpegProcess implements AutoCloseable {

    private static final int STDERR_TAIL_LINES = 20;
    private static final int STDERR_LINE_CHARS = 500;
    // After exit the pipes drain quickly; the bound only guards against a stuck reader.
    private static final Duration READER_DRAIN = Duration.ofSeconds(5);

    private final Process process;
    private final Thread progressReader;
    private final Thread stderrReader;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private volatile Progress progress = Progress.NONE;

    private FfmpegProcess(Process process, Consumer<Progress> onProgress) {
        this.process = process;
        ProgressParser parser = new ProgressParser();
        this.progressReader = reader("ffmpeg-progress-" + process.pid(), process.getInputStream(),
                line -> parser.accept(line).ifPresent(report -> {
                    progress = report;
                    onProgress.accept(report);
                }));
        this.stderrReader = reader("ffmpeg-stderr-" + process.pid(), process.getErrorStream(), this::remember);
    }

    /**
     * @param args       the full command, executable first
     * @param onProgress called on the reader thread with every progress report
     */
    public static FfmpegProcess start(List<String> args, Consumer<Progress> onProgress) throws IOException {
        Process process = new ProcessBuilder(args).start();
        process.getOutputStream().close();
        return new FfmpegProcess(process, onProgress);
    }

    public long pid() {
        return process.pid();
    }

    /** The latest progress report. */
    public Progress progress() {
        return progress;
    }

    /** Waits up to the timeout; true once ffmpeg has exited and its output is fully read. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        progressReader.join(READER_DRAIN.toMillis());
        stderrReader.join(READER_DRAIN.toMillis());
        return true;
    }

    /** Exit code; only meaningful once {@link #waitFor} returned true. */
    public int exitCode() {
        return process.exitValue();
    }

    /** The last lines ffmpeg wrote to stderr, joined by newlines. */
    public String stderrTail() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills ffmpeg at once (SIGKILL): nothing it would write on a graceful stop is wanted. */
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
            process.waitFor();
        }
    }

    private static Thread reader(String name, InputStream stream, Consumer<String> onLine) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    onLine.accept(line);
                }
            } catch (IOException pipeClosed) {
                // ffmpeg was killed: nothing more to read
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void remember(String line) {
        synchronized (stderrTail) {
            stderrTail.addLast(line.length() > STDERR_LINE_CHARS ? line.substring(0, STDERR_LINE_CHARS) : line);
            if (stderrTail.size() > STDERR_TAIL_LINES) {
                stderrTail.removeFirst();
            }
        }
    }
}
