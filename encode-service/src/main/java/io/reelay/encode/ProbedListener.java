package io.reelay.encode;

import io.micronaut.configuration.kafka.ConsumerAware;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.reelay.encode.staging.EncodeStoppedException;
import io.reelay.encode.staging.JobEncoder;
import io.reelay.events.Probed;
import io.reelay.revoke.PartitionOwnership;
import io.reelay.revoke.Revocations;
import io.reelay.schemas.Topics;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Encodes each probed job. The listener blocks for the whole job (hence one record per poll and a long poll
 * interval in the configuration) and commits the record's offset itself, only once every output of the job is
 * done: a job cut short by a stop is sought back to and consumed again, here or by the instance that owns its
 * partition next, which skips the outputs already finished (see {@link JobEncoder}). The rebalance callbacks keep
 * {@link PartitionOwnership} current.
 */
@KafkaListener(groupId = "encode-service", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.DISABLED)
public class ProbedListener implements ConsumerRebalanceListener, ConsumerAware<String, Probed> {

    private static final Logger LOG = LoggerFactory.getLogger(ProbedListener.class);
    // Reading the revoked topic at start-up takes seconds; if it takes longer, work starts anyway, and a revoke
    // read later still stops it.
    private static final Duration REVOCATIONS_CATCH_UP = Duration.ofSeconds(30);

    private final JobEncoder jobEncoder;
    private final Revocations revocations;
    private final PartitionOwnership ownership;
    private Consumer<String, Probed> consumer;

    public ProbedListener(JobEncoder jobEncoder, Revocations revocations, PartitionOwnership ownership) {
        this.jobEncoder = jobEncoder;
        this.revocations = revocations;
        this.ownership = ownership;
    }

    @Override
    public void setKafkaConsumer(Consumer<String, Probed> consumer) {
        this.consumer = consumer;
    }

    @Topic(Topics.PROBED_NAME)
    void receive(ConsumerRecord<String, Probed> record) throws IOException, InterruptedException {
        if (!revocations.awaitCaughtUp(REVOCATIONS_CATCH_UP)) {
            LOG.warn("revocations not read up to date within {}; encoding anyway", REVOCATIONS_CATCH_UP);
        }
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        String jobId = record.value().getJobId();
        try {
            jobEncoder.encode(record.value());
        } catch (EncodeStoppedException stopped) {
            consumer.seek(partition, record.offset());
            LOG.info("stopping: job {} left for the next owner of partition {}", jobId, partition);
            return;
        }
        try {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
        } catch (CommitFailedException | RebalanceInProgressException partitionMoved) {
            // the next owner consumes the job again and finds every output finished
            LOG.warn("job {} done, but partition {} moved before the commit", jobId, partition);
            return;
        } catch (WakeupException stopping) {
            // The service is stopping and the commit may not have happened. Thrown from here, the wakeup would be
            // taken for a failed record and the poll loop would never end: hand it back to the next poll instead.
            consumer.wakeup();
            return;
        }
        forget(jobId);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        ownership.assigned(partitions, consumer.partitionsFor(Topics.PROBED_NAME).size());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        ownership.revoked(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        ownership.revoked(partitions);
    }

    /** Deletes the job's attempt records: only after the commit, as a redelivery before it still needs them. */
    private void forget(String jobId) {
        try {
            jobEncoder.forget(jobId);
        } catch (IOException | RuntimeException leftOver) {
            // a few empty objects stay behind; the job itself is done
            LOG.warn("could not delete the attempt records of job {}: {}", jobId, leftOver.toString());
        }
    }
}
