package io.reelay.ingest.http;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Value;
import io.reelay.events.JobRequested;
import io.reelay.kafka.AssignedConsumers;
import io.reelay.schemas.Topics;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a job's request on job-requested when the state service does not know the job yet: it folds a request
 * milliseconds after ingest published it, or minutes later after an outage, and a revoke sent meanwhile must not
 * answer NOT_FOUND for a job that will run. Reads only the partition the job's key goes to, from
 * {@code reelay.ingest.revoke-lookback} ago to its end, and decodes only the records of that key.
 */
@Singleton
public class RecentJobRequests {

    private static final Logger LOG = LoggerFactory.getLogger(RecentJobRequests.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Bounds every broker call and the whole read: a revoke answers UNAVAILABLE rather than hang. */
    private static final Duration READ_DEADLINE = Duration.ofSeconds(10);

    private final Map<String, Object> config;
    private final String valueDeserializer;
    private final Duration lookback;
    private final Clock clock;

    RecentJobRequests(KafkaDefaultConfiguration kafka,
                      @Value(AssignedConsumers.VALUE_DESERIALIZER) String valueDeserializer,
                      @Value("${reelay.ingest.revoke-lookback}") Duration lookback, Clock clock) {
        config = AssignedConsumers.config(kafka);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_DEADLINE.toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) READ_DEADLINE.toMillis());
        this.valueDeserializer = valueDeserializer;
        this.lookback = lookback;
        this.clock = clock;
    }

    /**
     * The job's latest request published within the lookback, if any.
     *
     * @throws org.apache.kafka.common.KafkaException when the broker cannot be read within the deadline
     */
    public Optional<JobRequested> find(String jobId) {
        String topic = Topics.JOB_REQUESTED.name();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            byte[] key = jobId.getBytes(StandardCharsets.UTF_8);
            // where the producers' default partitioner puts a keyed record
            TopicPartition partition = new TopicPartition(topic,
                    Utils.toPositive(Utils.murmur2(key)) % consumer.partitionsFor(topic).size());
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            OffsetAndTimestamp start = consumer.offsetsForTimes(
                    Map.of(partition, clock.millis() - lookback.toMillis())).get(partition);
            if (start == null) {
                return Optional.empty();
            }
            consumer.seek(partition, start.offset());
            ConsumerRecord<String, byte[]> latest = null;
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < end && jobId.equals(record.key())) {
                        latest = record;
                    }
                }
            }
            if (consumer.position(partition) < end) {
                throw new TimeoutException("Could not read " + partition
                        + " up to offset " + end + " within " + READ_DEADLINE);
            }
            return Optional.ofNullable(latest).flatMap(this::decode);
        }
    }

    /** A record that is not a readable request (it would sit on the dead-letter topic) is no request. */
    private Optional<JobRequested> decode(ConsumerRecord<String, byte[]> record) {
        try (Deserializer<Object> values = newDeserializer()) {
            Object value = values.deserialize(record.topic(), record.headers(), record.value());
            return value instanceof JobRequested request ? Optional.of(request) : Optional.empty();
        } catch (RuntimeException unreadable) {
            LOG.warn("Request of job {} at offset {} is unreadable: {}", record.key(), record.offset(),
                    unreadable.toString());
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private Deserializer<Object> newDeserializer() {
        try {
            Deserializer<Object> values = Utils.newInstance(valueDeserializer, Deserializer.class);
            values.configure(config, false);
            return values;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No value deserializer " + valueDeserializer, e);
        }
    }
}
