package io.reelay.upload.core;

import java.time.Duration;
import java.util.Optional;

/**
 * How long upload waits before each retry of a failed step: {@code backoff} before the first retry, doubling
 * before each next one up to {@code maxBackoff}, for at most {@code retries} retries. The defaults (8 retries,
 * 500 ms doubling, capped at 10 s) keep trying for about 45 s, long enough to ride out an object store that
 * restarts.
 */
public record RetryPolicy(int retries, Duration backoff, Duration maxBackoff) {

    public RetryPolicy {
        if (retries < 0 || backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("retries must be >= 0 and 0 <= backoff <= maxBackoff, got "
                    + retries + ", " + backoff + ", " + maxBackoff);
        }
    }

    /**
     * @param retry the number of the retry about to happen, from 1
     * @return how long to wait before it, or empty when no retry is left
     */
    public Optional<Duration> backoffBefore(int retry) {
        if (retry < 1 || retry > retries) {
            return Optional.empty();
        }
        Duration wait = backoff;
        for (int doubling = 1; doubling < retry && wait.compareTo(maxBackoff) < 0; doubling++) {
            wait = wait.multipliedBy(2);
        }
        return Optional.of(wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait);
    }

    /** The longest all retries together may wait: what an outage must stay under for a step to succeed. */
    public Duration totalBackoff() {
        Duration total = Duration.ZERO;
        for (int retry = 1; retry <= retries; retry++) {
            total = total.plus(backoffBefore(retry).orElseThrow());
        }
        return total;
    }
}
