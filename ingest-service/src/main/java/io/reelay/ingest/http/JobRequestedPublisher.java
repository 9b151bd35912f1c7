package io.reelay.ingest.http;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.reelay.events.JobRequested;
import io.reelay.schemas.Topics;

/** Publishes accepted jobs; returns only once the broker has acknowledged, so a 202 means the job is durable. */
@KafkaClient(id = "ingest-jobs")
public interface JobRequestedPublisher {

    @Topic(Topics.JOB_REQUESTED_NAME)
    void publish(@KafkaKey String jobId, JobRequested event);
}
