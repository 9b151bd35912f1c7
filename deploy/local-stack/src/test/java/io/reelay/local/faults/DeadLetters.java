package io.reelay.local.faults;

import io.reelay.schemas.Topic;
import io.reelay.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Records of jobs parked on a dead-letter topic: a service gave up on them, so the job can no longer finish as it
 * should. Read from every {@code <topic>.dlq} of the contract, start to end, without a consumer group.
 */
final class DeadLetters {

    private static final Duration READ_DEADLINE = Duration.ofSeconds(30);

    private DeadLetters() {
    }

    /** {@code <dlq>@<partition>:<offset> <job id>} for each parked record of the jobs. */
    static List<String> parkedFor(String bootstrapServers, Collection<String> jobIds) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic<?> topic : Topics.all()) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic.deadLetterName());
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> parked = new ArrayList<>();
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("dead-letter topics not read to their end within " + READ_DEADLINE);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (jobIds.contains(record.key())) {
                        parked.add(record.topic() + "@" + record.partition() + ":" + record.offset() + " "
                                + record.key());
                    }
                }
            }
            return parked;
        }
    }
}
