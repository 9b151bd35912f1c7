package io.reelay.state.webhook;

import com.sun.net.httpserver.HttpServer;
import io.reelay.events.WebhookAttempted;
import io.reelay.events.WebhookOutcome;
import io.reelay.events.WebhookRequested;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class WebhookDispatcherTest {

    private static final Instant DECIDED = Instant.parse("2025-01-01T10:00:04Z");

    /** What the dispatcher reported, in order. */
    static final class RecordedOutcomes implements WebhookOutcomes {
        final List<WebhookAttempted> attempts = new CopyOnWriteArrayList<>();
        final List<WebhookRequested> retries = new CopyOnWriteArrayList<>();
        final List<String> deadLetters = new CopyOnWriteArrayList<>();

        @Override
        public void attempted(String jobId, WebhookAttempted attempt) {
            attempts.add(attempt);
        }

        @Override
        public void retryLater(String jobId, WebhookRequested next) {
            retries.add(next);
        }

        @Override
        public void deadLetter(String jobId, WebhookRequested request, String error) {
            deadLetters.add(request.getDeliveryId() + " " + error);
        }
    }

    private final RecordedOutcomes outcomes = new RecordedOutcomes();
    private final AtomicInteger posts = new AtomicInteger();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String answering(int status) {
        receiver.createContext("/hooks", exchange -> {
            posts.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    }

    /** A dispatcher whose clock reads {@code sinceDecided} after the notification was decided. */
    private WebhookDispatcher dispatcherAt(Duration sinceDecided) {
        WebhookSettings settings = new WebhookSettings(Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofMinutes(10), Duration.ofHours(1), null, List.of("127.0.0.1"));
        return new WebhookDispatcher(settings, outcomes, Clock.fixed(DECIDED.plus(sinceDecided), ZoneOffset.UTC));
    }

    private static WebhookRequested request(String url, int attempt) {
        return WebhookRequested.newBuilder()
                .setDeliveryId("j1:output:hls:READY")
                .setJobId("j1")
                .setOutputId("hls")
                .setEvent("output.ready")
                .setUrl(url)
                .setBody("{\"event\":\"output.ready\"}")
                .setRequestedAt(DECIDED)
                .setAttempt(attempt)
                .build();
    }

    @Test
    void anAcknowledgedTryIsRecordedAsDeliveredAndNothingElse() throws Exception {
        dispatcherAt(Duration.ofSeconds(1)).dispatch(request(answering(204), 1));

        assertThat(outcomes.attempts).extracting(WebhookAttempted::getDeliveryId, WebhookAttempted::getAttempt,
                        WebhookAttempted::getOutcome, WebhookAttempted::getStatusCode, WebhookAttempted::getOutputId)
                .containsExactly(tuple("j1:output:hls:READY", 1, WebhookOutcome.DELIVERED, 204, "hls"));
        assertThat(outcomes.retries).isEmpty();
        assertThat(outcomes.deadLetters).isEmpty();
    }

    @Test
    void aFailedTryIsRecordedAndScheduledAgainAfterTheBackoff() throws Exception {
        dispatcherAt(Duration.ofSeconds(10)).dispatch(request(answering(503), 2));

        assertThat(outcomes.attempts).extracting(WebhookAttempted::getAttempt, WebhookAttempted::getOutcome,
                        WebhookAttempted::getStatusCode, WebhookAttempted::getDetail)
                .containsExactly(tuple(2, WebhookOutcome.RETRYING, 503, "HTTP 503"));
        assertThat(outcomes.retries).extracting(WebhookRequested::getAttempt, WebhookRequested::getNotBefore)
                .containsExactly(tuple(3, DECIDED.plusSeconds(10 + 2)));
        assertThat(outcomes.deadLetters).isEmpty();
    }

    @Test
    void aTryFailingAfterTheRetryPeriodGivesUpToTheDeadLetterTopic() throws Exception {
        dispatcherAt(Duration.ofHours(1)).dispatch(request(answering(500), 9));

        assertThat(outcomes.attempts).extracting(WebhookAttempted::getOutcome)
                .containsExactly(WebhookOutcome.GAVE_UP);
        assertThat(outcomes.retries).isEmpty();
        assertThat(outcomes.deadLetters).containsExactly("j1:output:hls:READY HTTP 500");
    }

    @Test
    void aRefusedTargetIsNeverCalledAndGoesStraightToTheDeadLetterTopic() throws Exception {
        answering(204);
        String privateTarget = "http://10.20.30.40:" + receiver.getAddress().getPort() + "/hooks";

        dispatcherAt(Duration.ofSeconds(1)).dispatch(request(privateTarget, 1));

        assertThat(posts).hasValue(0);
        assertThat(outcomes.attempts).extracting(WebhookAttempted::getOutcome, WebhookAttempted::getStatusCode)
                .containsExactly(tuple(WebhookOutcome.REFUSED, 0));
        assertThat(outcomes.retries).isEmpty();
        assertThat(outcomes.deadLetters).singleElement().asString()
                .startsWith("j1:output:hls:READY refused: 10.20.30.40 resolves to the internal address");
    }
}
