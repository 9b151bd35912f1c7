package io.reelay.state.core;

import io.reelay.events.WebhookRequested;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed notification is tried again: exponential backoff from {@code backoff}, doubling per try up to
 * {@code maxBackoff}, for as long as {@code retryPeriod} since the notification was decided allows.
 */
public record WebhookRetries(Duration backoff, Duration maxBackoff, Duration retryPeriod) {

    /** @return the next try of a notification whose try {@code failed} just failed at {@code now}; empty: give up */
    public Optional<WebhookRequested> after(WebhookRequested failed, Instant now) {
        Duration wait = backoff;
        for (int attempt = 1; attempt < failed.getAttempt() && wait.compareTo(maxBackoff) < 0; attempt++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(maxBackoff) > 0) {
            wait = maxBackoff;
        }
        Instant next = now.plus(wait);
        if (next.isAfter(failed.getRequestedAt().plus(retryPeriod))) {
            return Optional.empty();
        }
        return Optional.of(WebhookRequested.newBuilder(failed)
                .setAttempt(failed.getAttempt() + 1)
                .setNotBefore(next)
                .build());
    }
}
