package io.reelay.revoke;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.reelay.events.RevokeAcknowledged;
import io.reelay.schemas.Topics;

/** Publishes what a service stopped and cleaned for a revoke. */
@KafkaClient(id = "revoke-acknowledgements")
public interface RevokeAcknowledgements {

    @Topic(Topics.REVOKE_ACKNOWLEDGED_NAME)
    void publish(@KafkaKey String jobId, RevokeAcknowledged acknowledgement);
}
