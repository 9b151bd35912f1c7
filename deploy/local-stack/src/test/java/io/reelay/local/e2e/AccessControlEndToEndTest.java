package io.reelay.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelay.events.JobRequested;
import io.reelay.local.ManagedProcess;
import io.reelay.schemas.Topics;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.reelay.local.e2e.PipelineHarness.KEY_A;
import static io.reelay.local.e2e.PipelineHarness.KEY_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys on the running services: ingest and state refuse calls without a known key, the key's tenant owns the
 * jobs it submits, another tenant can neither see nor revoke them, and no service writes a key to its log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedPipeline.class)
class AccessControlEndToEndTest {

    private static final Duration DEADLINE = Duration.ofMinutes(2);
    /** Bounds every call, so that an event stream answered by mistake cannot hang the test. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private PipelineHarness stack;
    private String jobOfA;

    @BeforeAll
    void submitAJobOfTenantA(PipelineHarness stack) throws Exception {
        this.stack = stack;
        jobOfA = submit(KEY_A, "access-a");
    }

    /** A job whose source does not exist: accepted, then FAILED without any encoding. */
    private String submit(String apiKey, String referenceId) throws Exception {
        Map<String, Object> job = Map.of("referenceId", referenceId,
                "source", Map.of("bucket", PipelineHarness.SOURCES, "key", "uploads/access/missing.mp4"),
                "outputs", List.of(Map.of("outputId", "hls", "format", "HLS_FMP4",
                        "destination", Map.of("bucket", PipelineHarness.OUTPUTS, "prefix", "e2e/" + referenceId))));
        HttpResponse<String> accepted = stack.post(stack.url("ingest-service", "/jobs"), job, apiKey);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return stack.json.readTree(accepted.body()).get("jobId").asText();
    }

    /** One call of the ingest or state API; a POST when it has a body. */
    private record ApiCall(String module, String path, Object body) {

        static ApiCall get(String module, String path) {
            return new ApiCall(module, path, null);
        }
    }

    private HttpResponse<String> call(ApiCall api, String apiKey) throws Exception {
        HttpRequest.Builder request = stack.request(stack.url(api.module(), api.path()), apiKey).timeout(CALL_TIMEOUT);
        if (api.body() != null) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(stack.json.writeValueAsString(api.body())));
        }
        return stack.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ApiCall revokeJobOfA() {
        return new ApiCall("ingest-service", "/jobs/revoke", Map.of("jobIds", List.of(jobOfA)));
    }

    private ApiCall revokeOutputOfA() {
        return new ApiCall("ingest-service", "/jobs/" + jobOfA + "/outputs/hls/revoke", Map.of("reason", "test"));
    }

    /** Every call of the ingest and state APIs. */
    private List<ApiCall> apiCalls() {
        return List.of(
                new ApiCall("ingest-service", "/jobs", Map.of()),
                new ApiCall("ingest-service", "/uploads", Map.of("filename", "a.mp4")),
                revokeJobOfA(),
                revokeOutputOfA(),
                ApiCall.get("state-service", "/jobs/" + jobOfA),
                ApiCall.get("state-service", "/jobs/" + jobOfA + "?waitForChangeAfter=0&timeoutSeconds=5"),
                ApiCall.get("state-service", "/jobs/" + jobOfA + "/events"),
                ApiCall.get("state-service", "/jobs?limit=100"));
    }

    @Test
    @Order(1)
    void everyApiCallWithoutKeyOrWithAnUnknownKeyGets401() throws Exception {
        List<String> answers = new ArrayList<>();
        for (String apiKey : Arrays.asList(null, "not-" + KEY_A)) {
            for (ApiCall api : apiCalls()) {
                HttpResponse<String> response = call(api, apiKey);
                answers.add(api.path() + (apiKey == null ? " without key: " : " with a wrong key: ")
                        + response.statusCode() + " " + response.headers().firstValue("WWW-Authenticate").orElse("")
                        + " " + stack.json.readTree(response.body()).path("message").asText());
            }
        }
        assertThat(answers).hasSize(16).allSatisfy(answer -> assertThat(answer)
                .matches(".*: 401 Bearer realm=\"reelay\" (An API key is required.*|Unknown API key)"));
    }

    @Test
    @Order(2)
    void theJobOnTheTopicAndItsUploadsBelongToTheTenantOfTheKey() throws Exception {
        byte[] value = RawTopicReader.first(stack.kafka.bootstrapServers(), Topics.JOB_REQUESTED.name(), jobOfA,
                DEADLINE).value();
        JobRequested requested = new SpecificDatumReader<>(JobRequested.class).read(null,
                DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null)); // after magic byte and id
        assertThat(requested.getTenant()).isEqualTo(PipelineHarness.TENANT_A);
        assertThat(stack.awaitFinal(jobOfA, DEADLINE).get("tenant").asText()).isEqualTo(PipelineHarness.TENANT_A);

        HttpResponse<String> ticket = stack.post(stack.url("ingest-service", "/uploads"), Map.of("filename", "b.mp4"),
                KEY_B);
        assertThat(ticket.statusCode()).as(ticket.body()).isEqualTo(201);
        assertThat(stack.json.readTree(ticket.body()).at("/source/key").asText())
                .startsWith("uploads/" + PipelineHarness.TENANT_B + "/");
    }

    @Test
    @Order(3)
    void anotherTenantGets403OnTheJobAndNeverSeesItInItsListing() throws Exception {
        String jobOfB = submit(KEY_B, "access-b");
        stack.awaitFinal(jobOfA, DEADLINE);

        for (String path : List.of("/jobs/" + jobOfA, "/jobs/" + jobOfA + "?waitForChangeAfter=0&timeoutSeconds=5",
                "/jobs/" + jobOfA + "/events")) {
            HttpResponse<String> refused = call(ApiCall.get("state-service", path), KEY_B);
            assertThat(refused.statusCode()).as(path + " " + refused.body()).isEqualTo(403);
        }
        assertThat(jobIds(KEY_B)).contains(jobOfB).doesNotContain(jobOfA);
        assertThat(jobIds(KEY_A)).contains(jobOfA).doesNotContain(jobOfB);

        HttpResponse<String> revokeAll = call(revokeJobOfA(), KEY_B);
        assertThat(revokeAll.statusCode()).as(revokeAll.body()).isEqualTo(200);
        assertThat(stack.json.readTree(revokeAll.body()).at("/results/0/result").asText()).isEqualTo("FORBIDDEN");
        HttpResponse<String> revokeOutput = call(revokeOutputOfA(), KEY_B);
        assertThat(revokeOutput.statusCode()).as(revokeOutput.body()).isEqualTo(403);
    }

    private List<String> jobIds(String apiKey) throws Exception {
        JsonNode page = stack.getJson(stack.url("state-service", "/jobs?limit=100"), apiKey);
        assertThat(page).as("listing").isNotNull();
        List<String> ids = new ArrayList<>();
        page.get("jobs").forEach(job -> ids.add(job.get("jobId").asText()));
        return ids;
    }

    @Test
    @Order(4)
    void healthAndTheLivePageAnswerWithoutKey() throws Exception {
        for (String module : List.of("ingest-service", "state-service")) {
            assertThat(call(ApiCall.get(module, "/health"), null).statusCode()).as(module).isEqualTo(200);
        }
        HttpResponse<String> page = call(ApiCall.get("state-service", "/"), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("API key");
    }

    @Test
    @Order(5)
    void noServiceWritesAKeyToItsLog() throws Exception {
        assertThat(stack.services).hasSize(5);
        for (ManagedProcess service : stack.services.values()) {
            String log = Files.readString(service.logFile());
            assertThat(log).as(service.name() + " log").isNotEmpty().doesNotContain(KEY_A).doesNotContain(KEY_B);
        }
    }
}
