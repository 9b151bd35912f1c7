package io.reelay.encode.core;

import java.time.Duration;

/**
 * How often a failed output is tried again and how long to wait before each try: the first wait, doubled after
 * every failure, never longer than the cap. Failures that another try might not meet (an ffmpeg crash, an object
 * store that did not answer) are what this is for; an output that cannot be encoded as planned is never retried.
 *
 * @param retries      tries after the first one
 * @param firstBackoff wait before the first retry
 * @param maxBackoff   longest wait before any retry
 */
public record RetrySchedule(int retries, Duration firstBackoff, Duration maxBackoff) {

    public RetrySchedule {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more, not " + retries);
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be 0 or more and at most the cap: " + firstBackoff
                    + " / " + maxBackoff);
        }
    }

    /** True when, after this many failed tries of an output, it is tried once more. */
    public boolean retriesAfter(int failedTries) {
        return failedTries <= retries;
    }

    /** The wait before the try that follows {@code failedTries} failures (1 or more). */
    public Duration backoffAfter(int failedTries) {
        Duration backoff = firstBackoff;
        for (int failure = 1; failure < failedTries && backoff.compareTo(maxBackoff) < 0; failure++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
