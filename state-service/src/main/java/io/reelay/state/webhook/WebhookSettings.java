package io.reelay.state.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.List;

/**
 * How webhooks are delivered ({@code reelay.webhooks.*}).
 *
 * @param timeout how long one POST may take, connecting included
 * @param backoff wait before the first retry; it doubles for each further retry
 * @param maxBackoff longest wait between two tries
 * @param retryPeriod how long after a notification was decided it is still retried; then it is dead-lettered
 * @param secret signs notifications of jobs without their own secret; empty sends them unsigned
 * @param allowedHosts hosts (names or addresses) that may receive webhooks although they are private
 */
@ConfigurationProperties("reelay.webhooks")
public record WebhookSettings(Duration timeout, Duration backoff, Duration maxBackoff, Duration retryPeriod,
                              @Nullable String secret, @Nullable List<String> allowedHosts) {

    public WebhookSettings {
        allowedHosts = allowedHosts == null ? List.of() : allowedHosts.stream()
                .map(String::trim).filter(host -> !host.isEmpty()).toList();
    }
}
