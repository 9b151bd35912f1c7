package io.reelay.state.streams;

import io.reelay.events.JobRequested;
import io.reelay.kafka.DeadLetterProducer;
import io.reelay.kafka.DeadLetters;
import io.reelay.schemas.Topics;
import io.reelay.state.JobEvents;
import io.reelay.testing.SelfDescribingAvroSerde;
import io.reelay.testing.TestKafka;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record that is read but cannot be processed is parked with its value re-encoded and the error, and the next
 * record is processed. The topology is a stand-in whose step fails on demand; the letters go to a real broker.
 */
class StreamsDeadLettersTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static TestKafka kafka;
    private static DeadLetterProducer producer;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = TestKafka.start(1);
        producer = new DeadLetterProducer(kafka.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        producer.close();
        kafka.close();
    }

    @Test
    void aRecordThatFailsProcessingIsParkedReEncodedAndTheNextOneIsProcessed() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.JOB_REQUESTED.name(),
                        Consumed.with(Serdes.String(), SelfDescribingAvroSerde.<SpecificRecord>forValues()))
                .mapValues((jobId, event) -> {
                    if (jobId.startsWith("unfoldable")) {
                        throw new IllegalStateException("cannot fold " + jobId);
                    }
                    return jobId;
                })
                .to("folded", Produced.with(Serdes.String(), Serdes.String()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "state-under-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetters.class);
        config.put(StreamsDeadLetters.PRODUCER_CONFIG, producer);
        JobRequested unfoldable = JobEvents.requested("unfoldable-1", null, "main");

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
            TestInputTopic<String, SpecificRecord> input = driver.createInputTopic(Topics.JOB_REQUESTED.name(),
                    new StringSerializer(), SelfDescribingAvroSerde.<SpecificRecord>forValues().serializer());
            TestOutputTopic<String, String> folded = driver.createOutputTopic("folded", new StringDeserializer(),
                    new StringDeserializer());
            input.pipeInput("unfoldable-1", unfoldable);
            input.pipeInput("job-2", JobEvents.requested("job-2", null, "main"));

            assertThat(folded.readKeyValuesToList()).extracting(keyValue -> keyValue.key).containsExactly("job-2");
        }
        ConsumerRecord<String, byte[]> parked = kafka.awaitRaw(Topics.JOB_REQUESTED.deadLetterName(), DEADLINE,
                record -> "unfoldable-1".equals(record.key()));
        assertThat(header(parked, DeadLetters.CONSUMER)).isEqualTo("state-under-test");
        assertThat(header(parked, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.JOB_REQUESTED.name());
        assertThat(header(parked, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(parked, DeadLetters.ERROR_MESSAGE)).isEqualTo("cannot fold unfoldable-1");
        assertThat(header(parked, DeadLetters.VALUE_ENCODING)).isEqualTo("avro-single-object");
        assertThat(JobRequested.fromByteBuffer(ByteBuffer.wrap(parked.value()))).isEqualTo(unfoldable);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
