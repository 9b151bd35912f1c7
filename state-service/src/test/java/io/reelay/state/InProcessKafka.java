package io.reelay.state;

import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.schemas.Topic;
import io.reelay.schemas.Topics;
import io.reelay.testing.SelfDescribingAvroSerde;
import io.reelay.testing.TestKafka;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The shared in-process broker ({@link TestKafka}) as the state-service tests use it: every topic with two
 * partitions, so that two instances of the state service can split the jobs, a Streams serde that needs no
 * registry, and waiting for a job's published status.
 */
public final class InProcessKafka implements AutoCloseable {

    public static final int PARTITIONS = 2;

    private final TestKafka kafka;

    private InProcessKafka(TestKafka kafka) {
        this.kafka = kafka;
    }

    public static InProcessKafka start() throws Exception {
        return new InProcessKafka(TestKafka.start(PARTITIONS));
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Properties that run a state-service instance against this broker without a registry. */
    public Map<String, String> serviceProperties() {
        Map<String, String> properties = new HashMap<>(kafka.serviceProperties());
        properties.put("reelay.streams.value-serde", SelfDescribingAvroSerde.class.getName());
        return properties;
    }

    public void publish(Topic<?> topic, String jobId, SpecificRecord event) throws Exception {
        kafka.publish(topic, jobId, event);
    }

    /** Reads job-status until the job shows {@code status}; the topology commits it only after the store has it. */
    public void awaitStatus(String jobId, JobStatus status, Duration deadline) {
        try {
            kafka.awaitEvent(Topics.JOB_STATUS, deadline, record -> record.key().equals(jobId)
                    && record.value() != null && ((JobState) record.value()).getStatus() == status);
        } catch (AssertionError missing) {
            throw new AssertionError("job " + jobId + " did not become " + status + " within " + deadline, missing);
        }
    }

    /** Reads the committed records of {@code topic} from the start until one satisfies {@code wanted}. */
    public ConsumerRecord<String, SpecificRecord> awaitRecord(String topic, Duration deadline,
                                                              Predicate<ConsumerRecord<String, SpecificRecord>> wanted) {
        return kafka.awaitEvent(topic, deadline, wanted);
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
        kafka.close();
    }
}
