package io.reelay.encode;

import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.reelay.encode.staging.JobEncoder;
import io.reelay.encode.staging.ThumbnailEncoder;
import io.reelay.events.Probed;
import io.reelay.schemas.Topics;

/**
 * Encodes each probed job. The listener blocks for the whole encode (hence one record per poll and a long
 * poll interval in the configuration), and the offset is committed only once every output of the job is
 * done, so a job whose encode was cut short by a stop is consumed again.
 */
@KafkaListener(groupId = "encode-service", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD)
public class ProbedListener {

    private final JobEncoder jobEncoder;
    private final ThumbnailEncoder thumbnailEncoder;

    public ProbedListener(JobEncoder jobEncoder, ThumbnailEncoder thumbnailEncoder) {
        this.jobEncoder = jobEncoder;
        this.thumbnailEncoder = thumbnailEncoder;
    }

    @Topic(Topics.PROBED_NAME)
    void receive(@KafkaKey String jobId, Probed probed) throws InterruptedException {
        // thumbnails take seconds: capturing them first gives clients previews while the ladder encodes
        thumbnailEncoder.encode(probed);
        jobEncoder.encode(probed);
    }
}
