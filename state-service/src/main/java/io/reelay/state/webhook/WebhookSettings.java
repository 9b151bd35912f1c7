package io.reelay.state.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How webhooks are delivered ({@code reelay.webhooks.*}).
 *
 * @param timeout how long one POST may take, connecting included
 * @param retries how many times a failed POST is repeated
 * @param backoff wait before the first retry; it doubles for each further retry
 */
@ConfigurationProperties("reelay.webhooks")
public record WebhookSettings(Duration timeout, int retries, Duration backoff) {
}
