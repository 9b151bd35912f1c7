package io.reelay.probe.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private static final ProbeOutcome UNREACHABLE = new ProbeOutcome.ProbeError("object store unreachable", true);
    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void doublesTheWaitAfterEveryTryUpToTheCap() {
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayAfter(60)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retriesATransientFailureAsOftenAsConfigured() {
        assertThat(policy.retriesAfter(UNREACHABLE, 1)).isTrue();
        assertThat(policy.retriesAfter(UNREACHABLE, 3)).isTrue();
        assertThat(policy.retriesAfter(UNREACHABLE, 4)).as("the first try and three retries").isFalse();
    }

    @Test
    void neverRetriesAPermanentOutcome() {
        assertThat(policy.retriesAfter(new ProbeOutcome.SourceMissing(), 1)).isFalse();
        assertThat(policy.retriesAfter(new ProbeOutcome.ProbeError("cannot run ffprobe", false), 1)).isFalse();
    }

    @Test
    void zeroRetriesTriesOnce() {
        assertThat(new RetryPolicy(0, Duration.ZERO, Duration.ZERO).retriesAfter(UNREACHABLE, 1)).isFalse();
    }

    @Test
    void refusesAPolicyThatCannotWork() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
