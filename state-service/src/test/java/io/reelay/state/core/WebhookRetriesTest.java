package io.reelay.state.core;

import io.reelay.events.WebhookRequested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookRetriesTest {

    private static final Instant DECIDED = Instant.parse("2025-01-01T10:00:00Z");
    private final WebhookRetries retries =
            new WebhookRetries(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1));

    private static WebhookRequested failedTry(int attempt) {
        return WebhookRequested.newBuilder()
                .setDeliveryId("j1:job:COMPLETE")
                .setJobId("j1")
                .setUrl("https://hooks.example.com/reelay")
                .setBody("{}")
                .setRequestedAt(DECIDED)
                .setAttempt(attempt)
                .build();
    }

    private Duration waitAfter(int attempt, Instant failedAt) {
        return Duration.between(failedAt, retries.after(failedTry(attempt), failedAt).orElseThrow().getNotBefore());
    }

    @Test
    void theWaitDoublesWithEachTryUpToTheLongestBackoff() {
        Instant now = DECIDED.plusSeconds(10);
        assertThat(waitAfter(1, now)).isEqualTo(Duration.ofSeconds(1));
        assertThat(waitAfter(2, now)).isEqualTo(Duration.ofSeconds(2));
        assertThat(waitAfter(3, now)).isEqualTo(Duration.ofSeconds(4));
        assertThat(waitAfter(6, now)).isEqualTo(Duration.ofSeconds(32));
        assertThat(waitAfter(7, now)).isEqualTo(Duration.ofMinutes(1));
        assertThat(waitAfter(40, now)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theNextTryIsTheSameNotificationWithTheNextAttemptNumber() {
        WebhookRequested next = retries.after(failedTry(3), DECIDED.plusSeconds(10)).orElseThrow();

        assertThat(next.getAttempt()).isEqualTo(4);
        assertThat(WebhookRequested.newBuilder(next).setAttempt(3).setNotBefore(Instant.EPOCH).build())
                .isEqualTo(failedTry(3));
    }

    @Test
    void givesUpWhenTheNextTryWouldFallAfterTheRetryPeriod() {
        Instant lastChance = DECIDED.plus(Duration.ofHours(1)).minusSeconds(60);
        assertThat(retries.after(failedTry(10), lastChance)).isPresent();
        assertThat(retries.after(failedTry(10), lastChance.plusMillis(1))).isEqualTo(Optional.empty());
    }
}
