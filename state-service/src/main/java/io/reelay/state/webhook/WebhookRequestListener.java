package io.reelay.state.webhook;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.reelay.events.WebhookRequested;
import io.reelay.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Hands new notifications from the outbox to the dispatcher. Reads committed records only: the topology writes
 * exactly once, in transactions, and an aborted notification must never be sent. The offset is committed after
 * each record, so a restart repeats at most the try in flight, under the same delivery id. One record per poll: a
 * receiver that times out holds the loop for up to the POST timeout.
 */
@KafkaListener(groupId = "state-webhooks", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        properties = {
            @Property(name = ConsumerConfig.ISOLATION_LEVEL_CONFIG, value = "read_committed"),
            @Property(name = ConsumerConfig.MAX_POLL_RECORDS_CONFIG, value = "1")
        })
public class WebhookRequestListener {

    private final WebhookDispatcher dispatcher;

    WebhookRequestListener(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Topic(Topics.WEBHOOK_REQUESTS_NAME)
    void onRequested(WebhookRequested request) throws InterruptedException {
        dispatcher.dispatch(request);
    }
}
