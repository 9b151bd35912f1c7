package io.reelay.upload;

import io.reelay.events.SegmentEncoded;
import io.reelay.events.Uploaded;
import io.reelay.revoke.JobPartitions;
import io.reelay.schemas.Topic;
import io.reelay.schemas.Topics;
import io.reelay.testing.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What every upload service test runs against: a real KRaft broker and a real S3 API server with the staging and
 * outputs buckets, started once per test class. Each test uses its own job id, so tests never see each other's work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreAndBrokerTest {

    static final String OUTPUTS = "reelay-outputs";
    static final String GROUP = "upload-service";
    static final int PARTITIONS = 2;

    TestKafka kafka;
    S3Server s3;
    S3Client store;

    @BeforeAll
    void startInfrastructure() throws Exception {
        kafka = TestKafka.start(PARTITIONS);
        s3 = S3Server.start();
        store = s3.client();
        store.createBucket(b -> b.bucket(UploadInstance.STAGING_BUCKET));
        store.createBucket(b -> b.bucket(OUTPUTS));
    }

    @AfterAll
    void stopInfrastructure() throws Exception {
        store.close();
        s3.close();
        kafka.close();
    }

    void publish(List<SegmentEncoded> events) throws Exception {
        for (SegmentEncoded event : events) {
            kafka.publish(Topics.SEGMENT_ENCODED, event.getJobId(), event);
        }
    }

    /** Every value of the job on {@code topic} so far, in order. */
    <V> List<V> records(Topic<V> topic, String jobId) {
        return kafka.readAll(topic).stream()
                .filter(record -> Objects.equals(jobId, record.key()))
                .map(record -> topic.valueType().cast(record.value()))
                .toList();
    }

    List<Uploaded> completeUploads(String jobId) {
        return records(Topics.UPLOADED, jobId).stream().filter(Uploaded::getComplete).toList();
    }

    Uploaded awaitComplete(String jobId) {
        Await.until("an output of " + jobId + " was announced", () -> !completeUploads(jobId).isEmpty());
        return completeUploads(jobId).get(0);
    }

    /** Waits until upload has committed every segment-encoded record published so far: it is done with them. */
    void awaitConsumed() throws Exception {
        kafka.awaitConsumed(GROUP, Topics.SEGMENT_ENCODED_NAME, Await.DEADLINE);
    }

    /**
     * Moves upload's committed offset of a job's partition back by {@code records}, as if an instance had processed
     * those records and died before committing them.
     */
    void rewind(String jobId, long records) throws Exception {
        TopicPartition partition = new TopicPartition(Topics.SEGMENT_ENCODED_NAME, JobPartitions.of(jobId, PARTITIONS));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()
                    .get(partition);
            admin.alterConsumerGroupOffsets(GROUP,
                    Map.of(partition, new OffsetAndMetadata(Math.max(0, committed.offset() - records)))).all().get();
        }
    }

    List<String> keys(String bucket, String prefix) {
        return store.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    Optional<byte[]> bytes(String bucket, String key) {
        try {
            return Optional.of(store.getObjectAsBytes(g -> g.bucket(bucket).key(key))).map(ResponseBytes::asByteArray);
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        }
    }
}
