package io.reelay.local;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Waits for a condition with a deadline, checking it every few milliseconds. */
final class Eventually {

    private static final Duration CHECK_INTERVAL = Duration.ofMillis(20);

    private Eventually() {
    }

    static void holds(BooleanSupplier condition, Duration deadline) {
        Instant giveUp = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition still false after %s", deadline).isBefore(giveUp);
            try {
                Thread.sleep(CHECK_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
