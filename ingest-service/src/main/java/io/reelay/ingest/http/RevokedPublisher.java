package io.reelay.ingest.http;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.reelay.events.Revoked;
import io.reelay.schemas.Topics;

/** Publishes granted revokes; returns only once the broker has acknowledged, so a granted revoke is durable. */
@KafkaClient(id = "ingest-revokes")
public interface RevokedPublisher {

    @Topic(Topics.REVOKED_NAME)
    void publish(@KafkaKey String jobId, Revoked event);
}
