package io.reelay.local.e2e;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook target on 127.0.0.1 that records every request it receives. */
public final class WebhookReceiver implements AutoCloseable {

    public record Delivery(String path, Map<String, List<String>> headers, String body) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            deliveries.add(new Delivery(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Delivery> deliveriesTo(String path) {
        return deliveries.stream().filter(d -> d.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
