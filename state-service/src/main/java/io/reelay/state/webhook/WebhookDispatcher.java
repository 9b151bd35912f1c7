package io.reelay.state.webhook;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.reelay.events.WebhookRequested;
import io.reelay.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.MDC;

/**
 * Delivers the notifications the state topology decided (its outbox topic). Reads committed records only: the
 * topology writes exactly once, in transactions, and an aborted notification must never be sent. The offset is
 * committed after each delivery, so a restart repeats at most the notification in flight. One record per poll:
 * a receiver that keeps timing out holds the loop for a while, which must stay well within max.poll.interval.ms.
 */
@KafkaListener(groupId = "state-webhooks", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        properties = {
            @Property(name = ConsumerConfig.ISOLATION_LEVEL_CONFIG, value = "read_committed"),
            @Property(name = ConsumerConfig.MAX_POLL_RECORDS_CONFIG, value = "1")
        })
public class WebhookDispatcher {

    private final WebhookSender sender;

    public WebhookDispatcher(WebhookSettings settings) {
        this.sender = new WebhookSender(settings);
    }

    @Topic(Topics.WEBHOOK_REQUESTS_NAME)
    void onWebhookRequested(WebhookRequested request) {
        MDC.put("jobId", request.getJobId());
        if (request.getOutputId() != null) {
            MDC.put("outputId", request.getOutputId());
        }
        try {
            sender.deliver(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            MDC.remove("jobId");
            MDC.remove("outputId");
        }
    }
}
