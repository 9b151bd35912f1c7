package io.reelay.encode.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(2, Duration.ofSeconds(2), Duration.ofSeconds(5));

    @Test
    void triesAgainAfterEachFailureUntilTheRetriesAreUsedUp() {
        assertThat(schedule.retriesAfter(1)).isTrue();
        assertThat(schedule.retriesAfter(2)).isTrue();
        assertThat(schedule.retriesAfter(3)).isFalse();
    }

    @Test
    void noRetriesMeansTheFirstFailureIsTheLast() {
        assertThat(new RetrySchedule(0, Duration.ZERO, Duration.ZERO).retriesAfter(1)).isFalse();
    }

    @Test
    void doublesTheBackoffAfterEachFailureUpToTheCap() {
        assertThat(schedule.backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(schedule.backoffAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(schedule.backoffAfter(3)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.backoffAfter(40)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesNegativeRetriesAndACapBelowTheFirstBackoff() {
        assertThatThrownBy(() -> new RetrySchedule(-1, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
