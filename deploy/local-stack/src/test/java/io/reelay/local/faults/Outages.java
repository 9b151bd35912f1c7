package io.reelay.local.faults;

import java.time.Duration;
import java.time.Instant;

/** A server taken down for a while and brought back on the same port and data. */
final class Outages {

    private Outages() {
    }

    /**
     * Stops the process cleanly, keeps it down for {@code outage}, then starts it again and waits until it answers.
     * The sleep is the fault itself, not a wait for a condition.
     *
     * @return how long it did not answer: the outage plus its stop and start
     */
    static Duration takeDown(FaultStack stack, String name, Duration outage) throws InterruptedException {
        Instant stopping = Instant.now();
        try {
            stack.stop(name);
            Thread.sleep(outage.toMillis());
        } finally {
            stack.startAgain(name);
        }
        return Duration.between(stopping, Instant.now());
    }
}
