package io.reelay.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelay.kafka.DeadLetters;
import io.reelay.schemas.Topic;
import io.reelay.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record that is not Avro, on every topic a service consumes, is parked on {@code <topic>.dlq} by each consumer
 * that reads it (named in the letter's header), and the pipeline goes on: a job submitted afterwards completes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipeline.class)
class DeadLettersEndToEndTest {

    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final String STATE_TOPOLOGY = "reelay-state";
    private static final String NOT_AVRO = "not avro at all";

    /** Who reads each topic: the listeners' consumer groups and the state topology's application id. */
    private static final Map<Topic<?>, List<String>> CONSUMERS = Map.of(
            Topics.JOB_REQUESTED, List.of("probe-service", STATE_TOPOLOGY),
            Topics.PROBED, List.of("encode-service", STATE_TOPOLOGY),
            Topics.SEGMENT_ENCODED, List.of("upload-service", STATE_TOPOLOGY),
            Topics.UPLOADED, List.of(STATE_TOPOLOGY),
            Topics.REVOKED, List.of(STATE_TOPOLOGY),
            Topics.REVOKE_ACKNOWLEDGED, List.of(STATE_TOPOLOGY),
            Topics.WEBHOOK_ATTEMPTS, List.of(STATE_TOPOLOGY),
            Topics.WEBHOOK_REQUESTS, List.of("state-webhooks"),
            Topics.WEBHOOK_RETRIES, List.of("state-webhook-retries"));

    private PipelineHarness stack;

    @BeforeAll
    void startStack(PipelineHarness stack) {
        this.stack = stack;
    }

    @Test
    void everyConsumerParksWhatItCannotReadAndThePipelineCarriesOn() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        for (Topic<?> topic : CONSUMERS.keySet()) {
            RawTopicReader.publish(stack.kafka.bootstrapServers(), topic.name(), poisonKey,
                    NOT_AVRO.getBytes(StandardCharsets.UTF_8));
        }

        for (Map.Entry<Topic<?>, List<String>> topic : CONSUMERS.entrySet()) {
            for (String consumer : topic.getValue()) {
                ConsumerRecord<String, byte[]> parked = RawTopicReader.first(stack.kafka.bootstrapServers(),
                        topic.getKey().deadLetterName(), record -> poisonKey.equals(record.key())
                                && consumer.equals(header(record, DeadLetters.CONSUMER)), DEADLINE);
                assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo(NOT_AVRO);
                assertThat(header(parked, DeadLetters.SOURCE_TOPIC)).isEqualTo(topic.getKey().name());
                assertThat(header(parked, DeadLetters.ERROR_CLASS)).isNotBlank();
                assertThat(header(parked, DeadLetters.ERROR_MESSAGE)).isNotBlank();
            }
        }
        assertThat(submitAndAwait().get("status").asText()).isEqualTo("COMPLETE");
    }

    private JsonNode submitAndAwait() throws Exception {
        Path clip = stack.workDir.resolve("dead-letters.mp4");
        MediaProbe.generateClip(clip, 320, 240, 2);
        JsonNode source = stack.upload(clip);
        Map<String, Object> job = Map.of(
                "source", Map.of("bucket", source.get("bucket").asText(), "key", source.get("key").asText()),
                "outputs", List.of(Map.of("outputId", "hls", "format", "HLS_TS", "qualities", List.of("144p"),
                        "destination", Map.of("bucket", PipelineHarness.OUTPUTS, "prefix", "e2e/dead-letters"))));
        HttpResponse<String> accepted = stack.post(stack.url("ingest-service", "/jobs"), job);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return stack.awaitFinal(stack.json.readTree(accepted.body()).get("jobId").asText(), DEADLINE.multipliedBy(2));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
