package io.reelay.local.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: tests wait for facts, never for fixed times. */
public final class Await {

    private Await() {
    }

    public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
    }
}
