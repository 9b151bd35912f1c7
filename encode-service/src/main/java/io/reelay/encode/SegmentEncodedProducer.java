package io.reelay.encode;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.reelay.events.SegmentEncoded;
import io.reelay.schemas.Topics;

/** Publishes segment-encoded events; blocks until the broker acknowledges, which keeps the files in order. */
@KafkaClient(id = "encode-segments")
public interface SegmentEncodedProducer {

    @Topic(Topics.SEGMENT_ENCODED_NAME)
    void publish(@KafkaKey String jobId, SegmentEncoded event);
}
