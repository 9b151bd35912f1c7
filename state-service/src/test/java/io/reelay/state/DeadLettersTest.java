package io.reelay.state;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.reelay.events.JobState;
import io.reelay.events.WebhookRequested;
import io.reelay.kafka.DeadLetters;
import io.reelay.revoke.JobPartitions;
import io.reelay.schemas.Topic;
import io.reelay.schemas.Topics;
import io.reelay.testing.SelfDescribingAvroSerde;
import io.reelay.testing.TestKafka;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record that is not Avro, on any topic the state service reads, is parked on {@code <topic>.dlq} with the error
 * and the consumer that gave up on it, and the consumer goes on with the next record: the topology (named by its
 * application id) and the two webhook listeners (named by their consumer groups), on a real broker.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DeadLettersTest implements TestPropertyProvider {

    private static final int PARTITIONS = 2;
    private static final String APPLICATION_ID = "state-dead-letters-test";
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String NOT_AVRO = "{\"jobId\": \"not avro\"}";

    private TestKafka kafka;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        try {
            kafka = TestKafka.start(PARTITIONS);
            Map<String, String> properties = new HashMap<>(kafka.serviceProperties());
            properties.putAll(Map.of(
                    "reelay.streams.value-serde", SelfDescribingAvroSerde.class.getName(),
                    "reelay.streams.application-id", APPLICATION_ID,
                    "reelay.streams.state-dir", Files.createTempDirectory("reelay-state-dlq").toString(),
                    // advertised to other instances, so a real one
                    "micronaut.server.port", Integer.toString(InProcessKafka.freePort())));
            return properties;
        } catch (Exception e) {
            throw new IllegalStateException("Test infrastructure did not start", e);
        }
    }

    @AfterAll
    void stopInfrastructure() throws Exception {
        context.close();
        kafka.close();
    }

    static List<Topic<?>> topologyTopics() {
        return List.of(Topics.JOB_REQUESTED, Topics.PROBED, Topics.SEGMENT_ENCODED, Topics.UPLOADED, Topics.REVOKED,
                Topics.REVOKE_ACKNOWLEDGED, Topics.WEBHOOK_ATTEMPTS);
    }

    @ParameterizedTest
    @MethodSource("topologyTopics")
    void theTopologyParksWhatItCannotReadAndFoldsTheNextEvent(Topic<?> topic) throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        String jobId = jobBehind(poisonKey);

        kafka.publishRaw(topic.name(), poisonKey, NOT_AVRO);
        // the fold goes by the event's type, not its topic: a job request read from any of them creates the job
        kafka.publish(topic, jobId, JobEvents.requested(jobId, null, "main"));

        assertParked(topic, poisonKey, APPLICATION_ID);
        kafka.awaitEvent(Topics.JOB_STATUS, DEADLINE, record -> jobId.equals(record.key())
                && record.value() instanceof JobState);
    }

    @ParameterizedTest
    @MethodSource("webhookTopics")
    void theWebhookListenersParkWhatTheyCannotReadAndHandleTheNextNotification(Topic<?> topic, String group)
            throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        String jobId = jobBehind(poisonKey);

        kafka.publishRaw(topic.name(), poisonKey, NOT_AVRO);
        // a target on a private address is refused at once and dead-lettered too: proof the next record was handled
        kafka.publish(topic, jobId, WebhookRequested.newBuilder().setDeliveryId(jobId + ":job:COMPLETE")
                .setJobId(jobId).setUrl("http://10.255.255.1/hooks").setBody("{}").setRequestedAt(Instant.now())
                .build());

        assertParked(topic, poisonKey, group);
        kafka.awaitRaw(Topics.WEBHOOK_REQUESTS.deadLetterName(), DEADLINE, record -> jobId.equals(record.key()));
    }

    static List<Arguments> webhookTopics() {
        return List.of(Arguments.of(Topics.WEBHOOK_REQUESTS, "state-webhooks"),
                Arguments.of(Topics.WEBHOOK_RETRIES, "state-webhook-retries"));
    }

    /** A job id whose records land in the same partition as {@code key}'s, so they are read after it. */
    private static String jobBehind(String key) {
        while (true) {
            String jobId = "job-" + UUID.randomUUID();
            if (JobPartitions.of(jobId, PARTITIONS) == JobPartitions.of(key, PARTITIONS)) {
                return jobId;
            }
        }
    }

    private void assertParked(Topic<?> topic, String key, String consumer) {
        ConsumerRecord<String, byte[]> parked = kafka.awaitRaw(topic.deadLetterName(), DEADLINE,
                record -> key.equals(record.key()) && consumer.equals(header(record, DeadLetters.CONSUMER)));
        assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo(NOT_AVRO);
        assertThat(header(parked, DeadLetters.SOURCE_TOPIC)).isEqualTo(topic.name());
        assertThat(header(parked, DeadLetters.ERROR_CLASS)).isNotBlank();
        assertThat(header(parked, DeadLetters.ERROR_MESSAGE)).isNotBlank();
        assertThat(header(parked, DeadLetters.SOURCE_OFFSET)).matches("\\d+");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
