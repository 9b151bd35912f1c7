package io.reelay.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void doublesTheWaitBeforeEachRetryUpToTheCap() {
        assertThat(policy.delayBefore(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayBefore(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayBefore(60)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void allowsAsManyRetriesAsConfigured() {
        assertThat(policy.allows(1)).isTrue();
        assertThat(policy.allows(3)).isTrue();
        assertThat(policy.allows(4)).as("the first try and three retries").isFalse();
    }

    @Test
    void zeroRetriesTriesOnce() {
        assertThat(new RetryPolicy(0, Duration.ZERO, Duration.ZERO).allows(1)).isFalse();
    }

    @Test
    void eightRetriesFromHalfASecondCappedAtTenSecondsWaitFortyFiveSecondsAndAHalfInAll() {
        RetryPolicy patient = new RetryPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(10));

        Duration total = IntStream.rangeClosed(1, patient.retries()).mapToObj(patient::delayBefore)
                .reduce(Duration.ZERO, Duration::plus);

        assertThat(total).isEqualTo(Duration.ofMillis(45_500));
    }

    @Test
    void aHugeRetryCountNeverOverflowsTheWait() {
        RetryPolicy patient = new RetryPolicy(1_000, Duration.ofMillis(1), Duration.ofMinutes(1));

        assertThat(patient.delayBefore(1_000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void refusesAPolicyThatCannotBeFollowed() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
