package io.reelay.testing;

import io.reelay.schemas.Topic;
import io.reelay.schemas.TopicProvisioner;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.common.MetadataVersion;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A real single-node KRaft broker in the test's JVM (Apache Kafka's own test kit) with every topic of the contract
 * and its dead-letter topic, plus what service tests do with it: publish events (Avro, written by
 * {@link SelfDescribingAvroSerde} so no registry is needed) or raw bytes, and read topics back.
 */
public final class TestKafka implements AutoCloseable {

    private final KafkaClusterTestKit kit;
    private final KafkaProducer<String, SpecificRecord> events;
    private final KafkaProducer<String, byte[]> raw;

    private TestKafka(KafkaClusterTestKit kit) {
        this.kit = kit;
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kit.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        this.events = new KafkaProducer<>(config, new StringSerializer(), new SelfDescribingAvroSerde.Writer());
        this.raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Starts the broker and creates every topic with {@code partitions} partitions. */
    public static TestKafka start(int partitions) throws Exception {
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.IBP_3_9_IV0)
                .build())
                // one broker: internal topics must not ask for more replicas than there are brokers
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        kit.format();
        kit.startup();
        kit.waitForReadyBrokers();
        TopicProvisioner.createMissing(Map.of("bootstrap.servers", kit.bootstrapServers()), partitions, (short) 1);
        return new TestKafka(kit);
    }

    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** Micronaut properties that point a service at this broker, reading and writing without a registry. */
    public Map<String, String> serviceProperties() {
        return Map.of(
                "kafka.bootstrap.servers", bootstrapServers(),
                "kafka.consumers.default.value.deserializer", SelfDescribingAvroSerde.Reader.class.getName(),
                "kafka.producers.default.value.serializer", SelfDescribingAvroSerde.Writer.class.getName());
    }

    public void publish(Topic<?> topic, String key, SpecificRecord event) throws Exception {
        events.send(new ProducerRecord<>(topic.name(), key, event)).get();
    }

    /** Publishes bytes as they are: e.g. a record that is not Avro at all. */
    public void publishRaw(String topic, String key, String value) throws Exception {
        raw.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8))).get();
    }

    /** Reads {@code topic} from its start until a record satisfies {@code wanted}; fails after {@code deadline}. */
    public ConsumerRecord<String, SpecificRecord> awaitEvent(Topic<?> topic, Duration deadline,
                                                             Predicate<ConsumerRecord<String, SpecificRecord>> wanted) {
        return awaitEvent(topic.name(), deadline, wanted);
    }

    /** Like {@link #awaitEvent(Topic, Duration, Predicate)} for a topic known by name only: a dead-letter topic. */
    public ConsumerRecord<String, SpecificRecord> awaitEvent(String topic, Duration deadline,
                                                             Predicate<ConsumerRecord<String, SpecificRecord>> wanted) {
        return await(topic, new SelfDescribingAvroSerde.Reader(), deadline, wanted);
    }

    /** Like {@link #awaitEvent(String, Duration, Predicate)} for a topic whose values are kept as bytes. */
    public ConsumerRecord<String, byte[]> awaitRaw(String topic, Duration deadline,
                                                   Predicate<ConsumerRecord<String, byte[]>> wanted) {
        return await(topic, new ByteArrayDeserializer(), deadline, wanted);
    }

    /** Every record {@code topic} holds now, in partition order. */
    public List<ConsumerRecord<String, SpecificRecord>> readAll(Topic<?> topic) {
        try (KafkaConsumer<String, SpecificRecord> consumer = consumer(new SelfDescribingAvroSerde.Reader())) {
            List<TopicPartition> partitions = assignFromStart(consumer, topic.name());
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, SpecificRecord>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Waits until consumer group {@code groupId} has committed every record {@code topic} holds now. */
    public void awaitConsumed(String groupId, String topic, Duration deadline) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream()
                    .collect(Collectors.toMap(info -> new TopicPartition(topic, info.partition()),
                            info -> OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
            long end = System.nanoTime() + deadline.toNanos();
            while (System.nanoTime() < end) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
                boolean done = ends.entrySet().stream().allMatch(partitionEnd -> partitionEnd.getValue() == 0
                        || committed.get(partitionEnd.getKey()) != null
                        && committed.get(partitionEnd.getKey()).offset() >= partitionEnd.getValue());
                if (done) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("group " + groupId + " did not consume " + topic + " up to " + ends
                    + " within " + deadline);
        }
    }

    private <V> ConsumerRecord<String, V> await(String topic, Deserializer<V> values, Duration deadline,
                                                Predicate<ConsumerRecord<String, V>> wanted) {
        try (KafkaConsumer<String, V> consumer = consumer(values)) {
            assignFromStart(consumer, topic);
            long end = System.nanoTime() + deadline.toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no such record on " + topic + " within " + deadline);
    }

    private <V> KafkaConsumer<String, V> consumer(Deserializer<V> values) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), values);
    }

    private static List<TopicPartition> assignFromStart(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    @Override
    public void close() throws Exception {
        events.close();
        raw.close();
        kit.close();
    }
}
