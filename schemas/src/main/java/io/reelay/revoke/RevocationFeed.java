package io.reelay.revoke;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.reelay.events.Revoked;
import io.reelay.kafka.AssignedConsumers;
import io.reelay.schemas.Topics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads the whole revoked topic on every instance (no consumer group: each instance is assigned every partition
 * and starts from the beginning), so a revoke reaches whichever instance holds the work, and an instance that
 * starts later still knows every revoke it must honour. Enabled with {@code reelay.revocations.enabled}.
 */
@Context
@Requires(property = "reelay.revocations.enabled", value = "true")
public class RevocationFeed implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RevocationFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Revocations revocations;
    private final KafkaConsumer<String, Revoked> consumer;
    private final Thread reader = new Thread(this, "revocation-feed");
    private volatile boolean stopping;

    RevocationFeed(Revocations revocations, KafkaDefaultConfiguration kafka,
                   @Value(AssignedConsumers.VALUE_DESERIALIZER) String valueDeserializer) {
        this.revocations = revocations;
        Map<String, Object> config = AssignedConsumers.config(kafka);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, valueDeserializer);
        this.consumer = new KafkaConsumer<>(config);
        reader.setDaemon(true);
    }

    @PostConstruct
    void start() {
        reader.start();
    }

    @Override
    public void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> startEnd = consumer.endOffsets(partitions);
            boolean caughtUp = false;
            while (!stopping) {
                readOnce();
                if (!caughtUp && reached(startEnd)) {
                    caughtUp = true;
                    revocations.markCaughtUp();
                    LOG.info("revocations read up to the end of {}", Topics.REVOKED_NAME);
                }
            }
        } catch (WakeupException stopped) {
            // closing
        } catch (RuntimeException unexpected) {
            LOG.error("revocation feed stopped", unexpected);
        } finally {
            consumer.close();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        consumer.wakeup();
        reader.join(Duration.ofSeconds(5).toMillis());
    }

    private List<TopicPartition> awaitPartitions() {
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.REVOKED_NAME);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            LOG.info("waiting for topic {}", Topics.REVOKED_NAME);
            consumer.poll(Duration.ofSeconds(1));
        }
    }

    private void readOnce() {
        try {
            for (ConsumerRecord<String, Revoked> record : consumer.poll(POLL)) {
                if (record.value() != null) {
                    revocations.record(record.value());
                }
            }
        } catch (RecordDeserializationException unreadable) {
            // the state service parks it on the dead-letter topic; every instance here only steps over it
            LOG.warn("skipping unreadable revoke at {} offset {}", unreadable.topicPartition(), unreadable.offset());
            consumer.seek(unreadable.topicPartition(), unreadable.offset() + 1);
        }
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
