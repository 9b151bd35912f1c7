package io.reelay.upload.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private final RetryPolicy defaults = new RetryPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(10));

    @Test
    void doublesTheWaitBeforeEachRetryUpToTheCap() {
        assertThat(defaults.backoffBefore(1)).contains(Duration.ofMillis(500));
        assertThat(defaults.backoffBefore(2)).contains(Duration.ofSeconds(1));
        assertThat(defaults.backoffBefore(5)).contains(Duration.ofSeconds(8));
        assertThat(defaults.backoffBefore(6)).contains(Duration.ofSeconds(10));
        assertThat(defaults.backoffBefore(8)).contains(Duration.ofSeconds(10));
    }

    @Test
    void hasNoRetryBeyondTheConfiguredCount() {
        assertThat(defaults.backoffBefore(9)).isEmpty();
        assertThat(new RetryPolicy(0, Duration.ofMillis(500), Duration.ofSeconds(10)).backoffBefore(1)).isEmpty();
    }

    @Test
    void defaultsRideOutAnObjectStoreDownForHalfAMinute() {
        assertThat(defaults.totalBackoff()).isEqualTo(Duration.ofMillis(45_500));
        assertThat(defaults.totalBackoff()).isGreaterThan(Duration.ofSeconds(30));
    }

    @Test
    void aHugeRetryCountNeverOverflowsTheWait() {
        RetryPolicy patient = new RetryPolicy(1_000, Duration.ofMillis(1), Duration.ofMinutes(1));

        assertThat(patient.backoffBefore(1_000)).contains(Duration.ofMinutes(1));
    }

    @Test
    void refusesAPolicyThatCannotBeFollowed() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ofMillis(1), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
