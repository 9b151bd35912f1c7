package io.reelay.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Waits, with a deadline, for a server to answer. */
public final class Health {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    private Health() {
    }

    /**
     * Polls until {@code url} answers: an {@code http(s)} URL with status 200, a {@code tcp://host:port} URL by
     * accepting a connection.
     *
     * @throws IllegalStateException when the deadline passes
     */
    public static void await(URI url, Duration timeout) {
        poll(url, timeout, null);
    }

    /** As {@link #await(URI, Duration)}, failing as soon as {@code process} has exited. */
    public static void await(URI url, Duration timeout, ManagedProcess process) {
        poll(url, timeout, process);
    }

    /** Whether {@code url} answers right now, in the sense of {@link #await(URI, Duration)}. */
    public static boolean answers(URI url) {
        return "tcp".equals(url.getScheme()) ? portOpen(url) : httpOk(url);
    }

    private static void poll(URI url, Duration timeout, ManagedProcess process) {
        Instant deadline = Instant.now().plus(timeout);
        while (!answers(url)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited with code " + process.exitCode().orElse(-1)
                        + " before " + url + " answered; see " + process.logFile());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(url + " did not answer within " + timeout.toSeconds() + " s"
                        + (process == null ? "" : "; see " + process.logFile()));
            }
            pause();
        }
    }

    private static boolean portOpen(URI url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), (int) PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean httpOk(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(PROBE_TIMEOUT).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + url, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
