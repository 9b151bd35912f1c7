package io.reelay.upload;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;

/** Waits for a condition with a deadline instead of sleeping; generous deadlines, never a measure of speed. */
final class Await {

    static final Duration DEADLINE = Duration.ofSeconds(90);

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) {
        until(DEADLINE, what, condition);
    }

    static void until(Duration deadline, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("%s: not within %s", what, deadline);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting until " + what);
            }
        }
    }
}
