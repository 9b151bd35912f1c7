package io.reelay.state.webhook;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.messaging.annotation.MessageHeader;
import io.reelay.events.WebhookAttempted;
import io.reelay.events.WebhookRequested;
import io.reelay.schemas.Topics;

/** Where the dispatcher reports what happened to a notification; each call blocks until the broker has it. */
@KafkaClient(id = "state-webhook-outcomes")
public interface WebhookOutcomes {

    @Topic(Topics.WEBHOOK_ATTEMPTS_NAME)
    void attempted(@KafkaKey String jobId, WebhookAttempted attempt);

    @Topic(Topics.WEBHOOK_RETRIES_NAME)
    void retryLater(@KafkaKey String jobId, WebhookRequested next);

    @Topic(Topics.WEBHOOK_REQUESTS_NAME + ".dlq")
    void deadLetter(@KafkaKey String jobId, WebhookRequested request,
                    @MessageHeader("reelay-error") String error);
}
