package io.reelay.upload;

import io.micronaut.configuration.kafka.ConsumerAware;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.reelay.events.SegmentEncoded;
import io.reelay.revoke.PartitionOwnership;
import io.reelay.revoke.Revocations;
import io.reelay.schemas.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.Collection;

/**
 * Delivers every staged file as soon as encode announces it. Offsets are committed after each file, so a crash
 * redelivers at most the file in flight, and delivering a file twice is harmless. The partitions it is assigned
 * tell which jobs this instance owns (see {@link PartitionOwnership}); before the first file it waits until every
 * revoke published earlier has been read, so a restarted instance never delivers a job revoked while it was down.
 */
@KafkaListener(groupId = "upload-service", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC_PER_RECORD)
public class SegmentDeliveryListener implements ConsumerRebalanceListener, ConsumerAware<String, SegmentEncoded> {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentDeliveryListener.class);
    /** Bounded: a revoked topic that cannot be read must not stop delivery for good. */
    private static final Duration REVOCATIONS_CATCH_UP = Duration.ofSeconds(30);

    private final OutputDelivery delivery;
    private final Revocations revocations;
    private final PartitionOwnership ownership;
    private Consumer<String, SegmentEncoded> consumer;
    private volatile boolean revocationsRead;

    SegmentDeliveryListener(OutputDelivery delivery, Revocations revocations, PartitionOwnership ownership) {
        this.delivery = delivery;
        this.revocations = revocations;
        this.ownership = ownership;
    }

    @Topic(Topics.SEGMENT_ENCODED_NAME)
    void receive(@KafkaKey String jobId, SegmentEncoded event) throws InterruptedException {
        awaitRevocations();
        try (MDC.MDCCloseable job = MDC.putCloseable("jobId", jobId);
             MDC.MDCCloseable output = MDC.putCloseable("outputId", event.getOutputId())) {
            delivery.deliver(event);
        }
    }

    @Override
    public void setKafkaConsumer(Consumer<String, SegmentEncoded> consumer) {
        this.consumer = consumer;
    }

    /** Runs on the consumer's thread, where the consumer may be used. */
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        ownership.assigned(partitions, consumer.partitionsFor(Topics.SEGMENT_ENCODED_NAME).size());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        ownership.revoked(partitions);
    }

    private void awaitRevocations() throws InterruptedException {
        if (!revocationsRead) {
            revocationsRead = true;
            if (!revocations.awaitCaughtUp(REVOCATIONS_CATCH_UP)) {
                LOG.warn("Revokes were not all read within {}; delivering anyway", REVOCATIONS_CATCH_UP);
            }
        }
    }
}
