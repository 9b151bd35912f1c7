package io.reelay.upload;

import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.reelay.events.SegmentEncoded;
import io.reelay.schemas.Topics;
import org.slf4j.MDC;

/**
 * Delivers every staged file as soon as encode announces it. Offsets are committed after each file, so a crash
 * redelivers at most the file in flight, and copying a file twice is harmless.
 */
@KafkaListener(groupId = "upload-service", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC_PER_RECORD)
public class SegmentDeliveryListener {

    private final OutputDelivery delivery;

    SegmentDeliveryListener(OutputDelivery delivery) {
        this.delivery = delivery;
    }

    @Topic(Topics.SEGMENT_ENCODED_NAME)
    void receive(@KafkaKey String jobId, SegmentEncoded event) {
        try (MDC.MDCCloseable job = MDC.putCloseable("jobId", jobId);
             MDC.MDCCloseable output = MDC.putCloseable("outputId", event.getOutputId())) {
            delivery.deliver(event);
        }
    }
}
