package io.reelay.probe;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.reelay.events.Probed;
import io.reelay.schemas.Topics;

/** Publishes probe results. A void method blocks until the broker acknowledged the record (acks=all). */
@KafkaClient(acks = KafkaClient.Acknowledge.ALL)
public interface ProbedPublisher {

    @Topic(Topics.PROBED_NAME)
    void publish(@KafkaKey String jobId, Probed probed);
}
