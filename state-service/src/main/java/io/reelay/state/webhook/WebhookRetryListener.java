package io.reelay.state.webhook;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.reelay.events.WebhookRequested;
import io.reelay.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.time.Clock;
import java.time.Duration;

/**
 * Hands retries to the dispatcher once their time (notBefore) has come. Records of one partition are tried in
 * order, so a retry may also wait for the one before it, at most the longest backoff; the poll interval
 * (2 h 5 min) exceeds the default longest backoff (1 h), and must be raised with it. Heartbeats go on meanwhile.
 */
@KafkaListener(groupId = "state-webhook-retries", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        properties = {
            @Property(name = ConsumerConfig.MAX_POLL_RECORDS_CONFIG, value = "1"),
            @Property(name = ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, value = "7500000")
        })
public class WebhookRetryListener {

    private final WebhookDispatcher dispatcher;
    private final WebhookSettings settings;
    private final Clock clock = Clock.systemUTC();

    WebhookRetryListener(WebhookDispatcher dispatcher, WebhookSettings settings) {
        this.dispatcher = dispatcher;
        this.settings = settings;
    }

    @Topic(Topics.WEBHOOK_RETRIES_NAME)
    void onRetry(WebhookRequested request) throws InterruptedException {
        long wait = Duration.between(clock.instant(), request.getNotBefore()).toMillis();
        if (wait > 0) {
            Thread.sleep(Math.min(wait, settings.maxBackoff().toMillis()));
        }
        dispatcher.dispatch(request);
    }
}
