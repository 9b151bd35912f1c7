package io.reelay.retry;

import java.time.Duration;

/**
 * How often failed work is tried again and how long to wait before each retry: {@code backoff} before the first,
 * doubled before each next one, never longer than {@code maxBackoff}. The growing wait gives a briefly unavailable
 * dependency time to come back without holding up work for long when it fails once. Which failures deserve a retry
 * at all is each service's own decision; this only counts and waits.
 *
 * @param retries    tries after the first one; 0 never retries
 * @param backoff    wait before the first retry
 * @param maxBackoff longest wait before any retry
 */
public record RetryPolicy(int retries, Duration backoff, Duration maxBackoff) {

    public RetryPolicy {
        if (retries < 0 || backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("retries must be >= 0 and 0 <= backoff <= maxBackoff, got "
                    + retries + ", " + backoff + ", " + maxBackoff);
        }
    }

    /** True when retry number {@code retry} (1 for the one after the first failed try) is within the count. */
    public boolean allows(int retry) {
        return retry >= 1 && retry <= retries;
    }

    /** The wait before retry number {@code retry}: backoff, then twice that, and so on, capped. */
    public Duration delayBefore(int retry) {
        Duration delay = backoff;
        // stops doubling at the cap, so a large retry number cannot overflow the duration
        for (int doubling = 1; doubling < retry && delay.compareTo(maxBackoff) < 0; doubling++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
