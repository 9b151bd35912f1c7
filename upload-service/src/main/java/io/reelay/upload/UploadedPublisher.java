package io.reelay.upload;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.reelay.events.Uploaded;
import io.reelay.schemas.Topics;

/** Announces delivered (or undeliverable) outputs; blocks until the broker acknowledges. */
@KafkaClient(id = "upload-events")
public interface UploadedPublisher {

    @Topic(Topics.UPLOADED_NAME)
    void publish(@KafkaKey String jobId, Uploaded event);
}
