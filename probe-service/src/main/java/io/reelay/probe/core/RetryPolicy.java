package io.reelay.probe.core;

import java.time.Duration;

/**
 * When a failed probe is tried again, and after how long. Only transient failures are retried (see
 * {@link TransientFailures}); the wait doubles after every try, up to {@code maxBackoff}, so a briefly unavailable
 * object store gets time to come back without a permanent problem holding the job up.
 *
 * @param retries    tries after the first; 0 never retries
 * @param backoff    wait before the first retry
 * @param maxBackoff longest wait between two tries
 */
public record RetryPolicy(int retries, Duration backoff, Duration maxBackoff) {

    public RetryPolicy {
        if (retries < 0 || backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("retries must be >= 0 and 0 <= backoff <= maxBackoff, got "
                    + retries + ", " + backoff + ", " + maxBackoff);
        }
    }

    /** True when the outcome of try number {@code tries} (1 for the first) calls for another try. */
    public boolean retriesAfter(ProbeOutcome outcome, int tries) {
        return tries <= retries && TransientFailures.isTransient(outcome);
    }

    /** The wait after try number {@code tries}: backoff, then twice that, and so on, capped. */
    public Duration delayAfter(int tries) {
        Duration delay = backoff;
        for (int i = 1; i < tries && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
