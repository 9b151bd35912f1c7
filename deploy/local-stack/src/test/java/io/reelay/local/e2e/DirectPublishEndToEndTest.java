package io.reelay.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.reelay.events.JobRequested;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputRequest;
import io.reelay.schemas.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs reach the pipeline both ways at once: through ingest's HTTP API, and published straight to job-requested by
 * a client using Apicurio's Avro serializer with its own defaults (each nested type registered as a reference),
 * not the services' settings. Both are carried out, whichever registered its schema first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipeline.class)
class DirectPublishEndToEndTest {

    private static final Duration JOB_DEADLINE = Duration.ofMinutes(4);

    private PipelineHarness stack;
    private JsonNode source;

    @BeforeAll
    void uploadSource(PipelineHarness stack) throws Exception {
        this.stack = stack;
        Path clip = stack.workDir.resolve("direct.mp4");
        MediaProbe.generateClip(clip, 320, 240, 3);
        source = stack.upload(clip);
    }

    @Test
    void aJobPublishedByAClientOfTheTopicCompletesBesideOneSubmittedOverHttp() throws Exception {
        String submitted = submitOverHttp("e2e/direct-http");
        assertThat(stack.awaitFinal(submitted, JOB_DEADLINE).get("status").asText()).isEqualTo("COMPLETE");

        String published = UUID.randomUUID().toString();
        publishDirectly(JobRequested.newBuilder()
                .setJobId(published)
                .setTenant(PipelineHarness.TENANT_A)
                .setReferenceId("direct")
                .setSource(location())
                .setOutputs(List.of(OutputRequest.newBuilder()
                        .setOutputId("hls")
                        .setFormat(OutputFormat.HLS_FMP4)
                        .setQualities(List.of("240p"))
                        .setSegmentSeconds(2)
                        .setDestination(new ObjectLocation(PipelineHarness.OUTPUTS, "e2e/direct-topic"))
                        .build()))
                .setRequestedAt(Instant.now())
                .build());

        JsonNode state = stack.awaitFinal(published, JOB_DEADLINE);
        assertThat(state.get("status").asText()).as(state.toString()).isEqualTo("COMPLETE");
        assertThat(state.get("referenceId").asText()).isEqualTo("direct");
        assertThat(stack.s3.headObject(head -> head.bucket(PipelineHarness.OUTPUTS)
                .key("e2e/direct-topic/master.m3u8")).contentLength()).isPositive();
    }

    private String submitOverHttp(String prefix) throws Exception {
        Map<String, Object> output = Map.of("outputId", "hls", "format", "HLS_FMP4", "qualities", List.of("240p"),
                "segmentSeconds", 2, "destination", Map.of("bucket", PipelineHarness.OUTPUTS, "prefix", prefix));
        HttpResponse<String> response = stack.post(stack.url("ingest-service", "/jobs"), Map.of(
                "source", Map.of("bucket", location().getBucket(), "key", location().getKey()),
                "outputs", List.of(output)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return stack.json.readTree(response.body()).get("jobId").asText();
    }

    private ObjectLocation location() {
        return new ObjectLocation(source.get("bucket").asText(), source.get("key").asText());
    }

    private void publishDirectly(JobRequested request) throws Exception {
        Map<String, Object> registry = Map.of(
                "apicurio.registry.url", stack.registryBase + "/apis/registry/v3",
                "apicurio.registry.auto-register", true,
                // the Confluent wire format the services read (a schema id before the Avro bytes, no headers)
                "apicurio.registry.headers.enabled", false);
        AvroKafkaSerializer<JobRequested> values = new AvroKafkaSerializer<>();
        values.configure(registry, false);
        try (KafkaProducer<String, JobRequested> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers()),
                new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(Topics.JOB_REQUESTED.name(), request.getJobId(), request)).get();
        }
    }
}
