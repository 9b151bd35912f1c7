package io.reelay.state.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.reelay.events.WebhookRequested;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSenderTest {

    private static final String BODY = "{\"event\":\"job.completed\",\"jobId\":\"j1\"}";

    /** One POST the receiver got. */
    record Received(String deliveryId, String contentType, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        released.countDown();
        receiver.stop(0);
    }

    /** Answers the n-th POST (from 0) with {@code statuses[n]}, and the last status to every later one. */
    private String answering(int... statuses) {
        AtomicInteger calls = new AtomicInteger();
        receiver.createContext("/hooks", exchange -> {
            record(exchange);
            int call = calls.getAndIncrement();
            exchange.sendResponseHeaders(statuses[Math.min(call, statuses.length - 1)], -1);
            exchange.close();
        });
        return url("/hooks");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private void record(HttpExchange exchange) throws IOException {
        received.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSender.DELIVERY_ID_HEADER),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private static WebhookRequested request(String url) {
        return WebhookRequested.newBuilder()
                .setDeliveryId("j1:job:COMPLETE")
                .setJobId("j1")
                .setUrl(url)
                .setBody(BODY)
                .setRequestedAt(Instant.parse("2025-01-01T10:00:04Z"))
                .build();
    }

    private static WebhookSender sender(Duration timeout, int retries) {
        return new WebhookSender(new WebhookSettings(timeout, retries, Duration.ofMillis(10)));
    }

    @Test
    void postsTheBodyAsJsonWithItsDeliveryId() throws Exception {
        String url = answering(204);

        boolean delivered = sender(Duration.ofSeconds(5), 3).deliver(request(url));

        assertThat(delivered).isTrue();
        assertThat(received).containsExactly(new Received("j1:job:COMPLETE", "application/json", BODY));
    }

    @Test
    void retriesAFailedPostUntilItIsAcknowledged() throws Exception {
        String url = answering(500, 503, 200);

        boolean delivered = sender(Duration.ofSeconds(5), 3).deliver(request(url));

        assertThat(delivered).isTrue();
        assertThat(received).hasSize(3).allSatisfy(post -> assertThat(post.deliveryId()).isEqualTo("j1:job:COMPLETE"));
    }

    @Test
    void givesUpAfterTheLastRetry() throws Exception {
        String url = answering(500);

        boolean delivered = sender(Duration.ofSeconds(5), 2).deliver(request(url));

        assertThat(delivered).isFalse();
        assertThat(received).hasSize(3);
    }

    @Test
    void receiverThatDoesNotAnswerInTimeCountsAsAFailure() throws Exception {
        receiver.createContext("/slow", exchange -> {
            record(exchange);
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });

        boolean delivered = sender(Duration.ofMillis(300), 1).deliver(request(url("/slow")));

        assertThat(delivered).isFalse();
        assertThat(received).hasSize(2);
    }

    @Test
    void invalidUrlIsGivenUpWithoutAnException() throws Exception {
        assertThat(sender(Duration.ofSeconds(1), 3).deliver(request("not a url"))).isFalse();
        assertThat(received).isEmpty();
    }
}
