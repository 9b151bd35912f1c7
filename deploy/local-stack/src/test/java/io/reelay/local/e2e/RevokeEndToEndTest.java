package io.reelay.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revokes on the running pipeline: a job stopped while ffmpeg encodes it ends REVOKED, every service reports what it
 * stopped and cleaned, and nothing of the job is left running, staged or published; a revoke of one output stops
 * only that output; revokes of unknown or finished jobs are refused per job id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipeline.class)
class RevokeEndToEndTest {

    private static final Duration JOB_DEADLINE = Duration.ofMinutes(4);
    /** Acknowledgements follow the revoke within seconds; the margin is for two shared cores. */
    private static final Duration ACK_DEADLINE = Duration.ofSeconds(60);
    private static final String STAGING_PREFIX = "staging/";

    private PipelineHarness stack;
    private JsonNode longSource;
    private JsonNode shortSource;

    @BeforeAll
    void uploadSources(PipelineHarness stack) throws Exception {
        this.stack = stack;
        // long and large enough that a three-rung ladder is still encoding when the revoke arrives
        Path longClip = stack.workDir.resolve("revoke-long.mp4");
        MediaProbe.generateClip(longClip, 1280, 720, 75);
        longSource = stack.upload(longClip);
        Path shortClip = stack.workDir.resolve("revoke-short.mp4");
        MediaProbe.generateClip(shortClip, 640, 360, 4);
        shortSource = stack.upload(shortClip);
    }

    private static Map<String, Object> output(String outputId, String prefix, List<String> qualities) {
        return Map.of("outputId", outputId, "format", "HLS_FMP4", "qualities", qualities, "segmentSeconds", 2,
                "destination", Map.of("bucket", PipelineHarness.OUTPUTS, "prefix", prefix));
    }

    private String submit(JsonNode source, List<Map<String, Object>> outputs) throws Exception {
        Map<String, Object> job = Map.of(
                "source", Map.of("bucket", source.get("bucket").asText(), "key", source.get("key").asText()),
                "outputs", outputs);
        HttpResponse<String> accepted = stack.post(stack.url("ingest-service", "/jobs"), job);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return stack.json.readTree(accepted.body()).get("jobId").asText();
    }

    private JsonNode revokeJobs(String... jobIds) throws Exception {
        HttpResponse<String> answer = stack.post(stack.url("ingest-service", "/jobs/revoke"),
                Map.of("jobIds", List.of(jobIds), "reason", "revoked by the end-to-end test"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return stack.json.readTree(answer.body()).get("results");
    }

    private HttpResponse<String> revokeOutput(String jobId, String outputId) throws Exception {
        return stack.post(stack.url("ingest-service", "/jobs/" + jobId + "/outputs/" + outputId + "/revoke"),
                Map.of("reason", "not needed after all"));
    }

    /** Polls the job's state until {@code wanted} holds for it. */
    private JsonNode awaitState(String jobId, String what, Duration deadline,
                                Predicate<JsonNode> wanted) throws InterruptedException {
        return Await.until("job " + jobId + " " + what, deadline, () -> {
            try {
                JsonNode state = stack.getJson(stack.url("state-service", "/jobs/" + jobId));
                return state != null && wanted.test(state) ? Optional.of(state) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
    }

    private static boolean revokeComplete(JsonNode revoke) {
        return revoke != null && revoke.get("complete").asBoolean();
    }

    private static List<String> servicesOf(JsonNode revoke) {
        List<String> services = new ArrayList<>();
        revoke.get("acknowledgements").forEach(acknowledgement -> services.add(acknowledgement.get("service").asText()));
        return services;
    }

    private List<String> keys(String bucket, String prefix) {
        return stack.s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    @Test
    void revokingAJobWhileItEncodesStopsEveryServiceAndLeavesNothingBehind() throws Exception {
        String prefix = "e2e/revoke-running";
        String jobId = submit(longSource, List.of(output("hls", prefix, List.of("720p", "480p", "360p"))));
        awaitState(jobId, "to be encoding", JOB_DEADLINE, state -> state.get("status").asText().equals("ENCODING")
                && PipelineHarness.output(state, "hls").get("percent").asDouble() > 0);
        assertThat(MediaProcesses.ffmpegOf(jobId)).as("ffmpeg encodes the job").isNotEmpty();

        JsonNode results = revokeJobs(jobId);

        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("jobId").asText()).isEqualTo(jobId);
        assertThat(results.get(0).get("result").asText()).isEqualTo("REVOKE_REQUESTED");
        JsonNode revoked = stack.awaitFinal(jobId, JOB_DEADLINE);
        assertThat(revoked.get("status").asText()).as(revoked.toString()).isEqualTo("REVOKED");
        assertThat(revoked.get("failure").get("reason").asText()).isEqualTo("REVOKED");
        JsonNode output = PipelineHarness.output(revoked, "hls");
        assertThat(output.get("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.get("revoke").get("reason").asText()).isEqualTo("revoked by the end-to-end test");

        JsonNode done = awaitState(jobId, "to show its revoke complete", ACK_DEADLINE,
                state -> revokeComplete(state.get("revoke")));
        JsonNode revoke = done.get("revoke");
        assertThat(done.get("status").asText()).isEqualTo("REVOKED");
        assertThat(servicesOf(revoke)).contains("probe", "encode", "upload");
        int stoppedByEncode = 0;
        for (JsonNode acknowledgement : revoke.get("acknowledgements")) {
            if (acknowledgement.get("service").asText().equals("encode")) {
                stoppedByEncode += acknowledgement.get("stoppedProcesses").asInt();
            }
        }
        assertThat(stoppedByEncode).as("ffmpeg processes encode stopped: " + revoke).isGreaterThanOrEqualTo(1);
        assertThat(MediaProcesses.ffmpegOf(jobId)).as("no ffmpeg of the job is left running").isEmpty();
        assertThat(keys(PipelineHarness.WORK, STAGING_PREFIX + jobId + "/")).as("staged files of the job").isEmpty();
        assertThat(keys(PipelineHarness.OUTPUTS, prefix + "/")).as("published files")
                .noneMatch(key -> key.endsWith("master.m3u8"));
    }

    @Test
    void revokingOneOutputStopsOnlyThatOutput() throws Exception {
        String jobId = submit(shortSource, List.of(output("drop", "e2e/revoke-drop", List.of("360p", "240p")),
                output("keep", "e2e/revoke-keep", List.of("240p"))));
        awaitState(jobId, "to be known", JOB_DEADLINE, state -> true);

        HttpResponse<String> answer = revokeOutput(jobId, "drop");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(stack.json.readTree(answer.body()).get("result").asText()).isEqualTo("REVOKE_REQUESTED");
        JsonNode state = stack.awaitFinal(jobId, JOB_DEADLINE);
        assertThat(state.get("status").asText()).as(state.toString()).isEqualTo("COMPLETE");
        assertThat(PipelineHarness.output(state, "keep").get("status").asText()).isEqualTo("READY");
        assertThat(PipelineHarness.output(state, "drop").get("status").asText()).isEqualTo("REVOKED");
        assertThat(state.get("revoke")).as("the job itself was not revoked").isNull();
        JsonNode dropped = awaitState(jobId, "to show the output's revoke complete", ACK_DEADLINE,
                job -> revokeComplete(PipelineHarness.output(job, "drop").get("revoke")));
        assertThat(servicesOf(PipelineHarness.output(dropped, "drop").get("revoke")))
                .contains("probe", "encode", "upload");
        assertThat(keys(PipelineHarness.OUTPUTS, "e2e/revoke-keep/")).contains("e2e/revoke-keep/master.m3u8");
        assertThat(keys(PipelineHarness.OUTPUTS, "e2e/revoke-drop/")).noneMatch(key -> key.endsWith("master.m3u8"));
        assertThat(keys(PipelineHarness.WORK, STAGING_PREFIX + jobId + "/")).as("staged files of the job").isEmpty();
    }

    @Test
    void aJobRevokedTheMomentItWasSubmittedIsRevoked() throws Exception {
        String jobId = submit(longSource, List.of(output("hls", "e2e/revoke-at-once", List.of("240p"))));

        JsonNode results = revokeJobs(jobId);

        assertThat(results.get(0).get("result").asText()).isEqualTo("REVOKE_REQUESTED");
        JsonNode state = stack.awaitFinal(jobId, JOB_DEADLINE);
        assertThat(state.get("status").asText()).as(state.toString()).isEqualTo("REVOKED");
        assertThat(keys(PipelineHarness.OUTPUTS, "e2e/revoke-at-once/")).noneMatch(key -> key.endsWith("master.m3u8"));
    }

    @Test
    void revokesOfUnknownAndFinishedJobsAreRefusedPerJobId() throws Exception {
        String finished = submit(shortSource, List.of(output("hls", "e2e/revoke-finished", List.of("144p"))));
        assertThat(stack.awaitFinal(finished, JOB_DEADLINE).get("status").asText()).isEqualTo("COMPLETE");
        String unknown = UUID.randomUUID().toString();

        JsonNode results = revokeJobs(unknown, finished);

        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("jobId").asText()).isEqualTo(unknown);
        assertThat(results.get(0).get("result").asText()).isEqualTo("NOT_FOUND");
        assertThat(results.get(1).get("jobId").asText()).isEqualTo(finished);
        assertThat(results.get(1).get("result").asText()).isEqualTo("ALREADY_FINAL");
        HttpResponse<String> delivered = revokeOutput(finished, "hls");
        assertThat(delivered.statusCode()).isEqualTo(409);
        assertThat(stack.json.readTree(delivered.body()).get("result").asText()).isEqualTo("ALREADY_DELIVERED");
        assertThat(stack.getJson(stack.url("state-service", "/jobs/" + finished)).get("status").asText())
                .isEqualTo("COMPLETE");
    }
}
