package io.reelay.state;

import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.schemas.Topic;
import io.reelay.schemas.TopicProvisioner;
import io.reelay.schemas.Topics;
import io.reelay.testing.SelfDescribingAvroSerde;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real single-node KRaft broker in this JVM with every topic of the contract (two partitions each, so that two
 * instances of the state service can split the jobs), and the producing and reading the service tests need.
 */
public final class InProcessKafka implements AutoCloseable {

    public static final int PARTITIONS = 2;

    private final KafkaClusterTestKit kit;
    private final KafkaProducer<String, SpecificRecord> producer;

    private InProcessKafka(KafkaClusterTestKit kit) {
        this.kit = kit;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kit.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new SelfDescribingAvroSerde.Writer());
    }

    public static InProcessKafka start() throws Exception {
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
        TopicProvisioner.createMissing(Map.of("bootstrap.servers", kit.bootstrapServers()), PARTITIONS, (short) 1);
        return new InProcessKafka(kit);
    }

    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** Properties that run a state-service instance against this broker without a registry. */
    public Map<String, String> serviceProperties() {
        return Map.of(
                "kafka.bootstrap.servers", bootstrapServers(),
                "reelay.streams.value-serde", SelfDescribingAvroSerde.class.getName(),
                "kafka.consumers.default.value.deserializer", SelfDescribingAvroSerde.Reader.class.getName(),
                "kafka.producers.default.value.serializer", SelfDescribingAvroSerde.Writer.class.getName());
    }

    public void publish(Topic<?> topic, String jobId, SpecificRecord event) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), jobId, event)).get();
    }

    /** Reads job-status until the job shows {@code status}; the topology commits it only after the store has it. */
    public void awaitStatus(String jobId, JobStatus status, Duration deadline) {
        awaitRecord(Topics.JOB_STATUS, deadline, record -> record.key().equals(jobId) && record.value() != null
                && ((JobState) record.value()).getStatus() == status,
                "Job " + jobId + " did not become " + status);
    }

    /** Reads the committed records of {@code topic} from the start until one satisfies {@code wanted}. */
    public ConsumerRecord<String, SpecificRecord> awaitRecord(Topic<?> topic, Duration deadline,
                                                              Predicate<ConsumerRecord<String, SpecificRecord>> wanted,
                                                              String failure) {
        return awaitRecord(topic.name(), deadline, wanted, failure);
    }

    public ConsumerRecord<String, SpecificRecord> awaitRecord(String topic, Duration deadline,
                                                              Predicate<ConsumerRecord<String, SpecificRecord>> wanted,
                                                              String failure) {
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new SelfDescribingAvroSerde.Reader())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = System.nanoTime() + deadline.toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(record)) {
                        return record;
                    }
                }
            }
        }
        return fail("%s within %s", failure, deadline);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        producer.close();
        kit.close();
    }
}
