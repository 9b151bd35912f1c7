package io.reelay.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark's webhook receiver on 127.0.0.1: notes when each job's final notification ({@code job.completed},
 * {@code job.failed} or {@code job.revoked}) arrives. A job's end is what its submitter hears, so this is where
 * the pipeline's wall time stops.
 */
final class WebhookClock implements AutoCloseable {

    /** A job's final notification: its event name, the job status it reports, and when it came. */
    record Arrival(String event, String status, long nanoTime) {
    }

    private static final String JOB_EVENT_PREFIX = "job.";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Arrival> finals = new ConcurrentHashMap<>();
    private final HttpServer server;

    WebhookClock() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            long arrived = System.nanoTime();
            try (exchange) {
                JsonNode notification = json.readTree(exchange.getRequestBody());
                String event = notification.path("event").asText();
                if (event.startsWith(JOB_EVENT_PREFIX)) {
                    // deliveries may repeat (retries): the first arrival is the one the submitter acts on
                    finals.putIfAbsent(notification.path("jobId").asText(),
                            new Arrival(event, notification.path("status").asText(), arrived));
                }
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/reelay";
    }

    Optional<Arrival> finalOf(String jobId) {
        return Optional.ofNullable(finals.get(jobId));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
