package io.reelay.state.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.reelay.events.WebhookRequested;
import io.reelay.state.core.WebhookSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSenderTest {

    private static final String BODY = "{\"event\":\"job.completed\",\"jobId\":\"j1\"}";
    private static final Instant NOW = Instant.parse("2025-01-01T10:00:05Z");

    /** One POST the receiver got. */
    record Received(String deliveryId, String contentType, String signature, String body) {
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

    private String answering(int status) {
        receiver.createContext("/hooks", exchange -> {
            record(exchange);
            exchange.sendResponseHeaders(status, -1);
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
                exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private static WebhookRequested request(String url, String secret) {
        return WebhookRequested.newBuilder()
                .setDeliveryId("j1:job:COMPLETE")
                .setJobId("j1")
                .setUrl(url)
                .setBody(BODY)
                .setSecret(secret)
                .setRequestedAt(Instant.parse("2025-01-01T10:00:04Z"))
                .build();
    }

    private static WebhookSender sender(Duration timeout, String globalSecret) {
        return new WebhookSender(new WebhookSettings(timeout, Duration.ofMillis(10), Duration.ofSeconds(1),
                Duration.ofHours(24), globalSecret, List.of()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void postsTheBodyAsJsonWithItsDeliveryIdSignedWithTheJobsSecret() throws Exception {
        String url = answering(204);

        WebhookSender.Result result = sender(Duration.ofSeconds(5), "global").post(request(url, "job-secret"));

        assertThat(result).isEqualTo(new WebhookSender.Result(true, 204, null));
        String signature = WebhookSignature.header("job-secret", NOW.getEpochSecond(), BODY);
        assertThat(received).containsExactly(new Received("j1:job:COMPLETE", "application/json", signature, BODY));
    }

    @Test
    void signsWithTheGlobalSecretWhenTheJobHasNoneAndNotAtAllWithoutEither() throws Exception {
        String url = answering(200);

        sender(Duration.ofSeconds(5), "global").post(request(url, null));
        sender(Duration.ofSeconds(5), "").post(request(url, null));

        assertThat(received).extracting(Received::signature)
                .containsExactly(WebhookSignature.header("global", NOW.getEpochSecond(), BODY), null);
    }

    @Test
    void answerOutsideTwoHundredsIsAFailureWithItsStatus() throws Exception {
        String url = answering(503);

        assertThat(sender(Duration.ofSeconds(5), null).post(request(url, null)))
                .isEqualTo(new WebhookSender.Result(false, 503, "HTTP 503"));
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

        WebhookSender.Result result = sender(Duration.ofMillis(300), null).post(request(url("/slow"), null));

        assertThat(result.acknowledged()).isFalse();
        assertThat(result.statusCode()).isZero();
        assertThat(result.problem()).contains("Timeout");
    }

    @Test
    void invalidUrlIsAFailureWithoutAnException() throws Exception {
        assertThat(sender(Duration.ofSeconds(1), null).post(request("not a url", null)).acknowledged()).isFalse();
        assertThat(received).isEmpty();
    }
}
