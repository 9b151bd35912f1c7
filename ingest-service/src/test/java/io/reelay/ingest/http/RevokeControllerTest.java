package io.reelay.ingest.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.reelay.events.Revoked;
import io.reelay.schemas.Topics;
import io.reelay.testing.TestKafka;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Revokes through the real HTTP stack onto a real broker. What is under test is ingest, so the state service it
 * asks is played by a small HTTP server on loopback whose answer depends on the job id: {@code running-*} is
 * encoding (output hls encoding, dash delivered, thumbnails failed), {@code complete-*} complete, {@code theirs-*}
 * another tenant's (403), {@code busy-*} not answerable (503), anything else unknown (404).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevokeControllerTest implements TestPropertyProvider {

    private static final String RUNNING = """
            {"jobId":"%s","version":7,"status":"ENCODING","tenant":"test","createdAt":"2025-01-01T10:00:00Z",
             "outputs":[{"outputId":"hls","status":"ENCODING","percent":40.0,"renditions":[]},
                        {"outputId":"dash","status":"READY","percent":100.0,"renditions":[]},
                        {"outputId":"thumbnails","format":"THUMBNAILS","status":"FAILED","thumbnails":[]}],
             "transitions":[],"webhookAttempts":[]}""";

    /** The credential headers the state service received, by job id asked for. */
    private final Map<String, Map<String, String>> credentialsSeen = new ConcurrentHashMap<>();
    private TestKafka kafka;
    private HttpServer state;

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        try {
            kafka = TestKafka.start(2);
            state = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            state.createContext("/jobs/", this::answerAsTheStateService);
            state.start();
        } catch (Exception e) {
            throw new IllegalStateException("Test infrastructure did not start", e);
        }
        Map<String, String> properties = new HashMap<>();
        kafka.serviceProperties().forEach((key, value) -> properties.put(key, value.toString()));
        properties.put("reelay.ingest.state-url", "http://127.0.0.1:" + state.getAddress().getPort());
        return properties;
    }

    @AfterAll
    void stopInfrastructure() throws Exception {
        state.stop(0);
        kafka.close();
    }

    private void answerAsTheStateService(HttpExchange exchange) throws IOException {
        String jobId = exchange.getRequestURI().getPath().substring("/jobs/".length());
        Map<String, String> credentials = new HashMap<>();
        for (String header : List.of("Authorization", "X-Api-Key")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                credentials.put(header, value);
            }
        }
        credentialsSeen.put(jobId, credentials);
        if (jobId.startsWith("running-")) {
            respond(exchange, 200, RUNNING.formatted(jobId));
        } else if (jobId.startsWith("complete-")) {
            respond(exchange, 200, "{\"jobId\":\"" + jobId + "\",\"status\":\"COMPLETE\",\"outputs\":"
                    + "[{\"outputId\":\"hls\",\"status\":\"READY\"}]}");
        } else if (jobId.startsWith("theirs-")) {
            respond(exchange, 403, "{\"message\":\"Job " + jobId + " belongs to another tenant\"}");
        } else if (jobId.startsWith("busy-")) {
            respond(exchange, 503, "{\"message\":\"Job states are not queryable right now\"}");
        } else {
            respond(exchange, 404, "{\"message\":\"No job with id " + jobId + "\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** An answer of ingest, whatever its status. */
    private record Answer(int status, Map<?, ?> body) {
    }

    private Answer exchange(MutableHttpRequest<?> request) {
        try {
            HttpResponse<Map> response = client.toBlocking().exchange(request, Map.class);
            return new Answer(response.code(), response.body());
        } catch (HttpClientResponseException refused) {
            return new Answer(refused.code(), refused.getResponse().getBody(Map.class).orElse(null));
        }
    }

    /** Every revoke published for the job, oldest first. */
    private List<Revoked> revokesOf(String jobId) {
        return kafka.readAll(Topics.REVOKED).stream()
                .filter(record -> jobId.equals(record.key()))
                .map(record -> (Revoked) record.value())
                .toList();
    }

    @Test
    void revokesEachRunningJobOnceAndAnswersForEveryJobId() {
        Answer response = exchange(ApiRequests.postJson("/jobs/revoke", """
                {"jobIds": ["running-1", "complete-1", "missing-1", "theirs-1", "running-1"],
                 "reason": "Customer cancelled"}"""));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("results")).isEqualTo(List.of(
                Map.of("jobId", "running-1", "result", "REVOKE_REQUESTED"),
                Map.of("jobId", "complete-1", "result", "ALREADY_FINAL"),
                Map.of("jobId", "missing-1", "result", "NOT_FOUND"),
                Map.of("jobId", "theirs-1", "result", "FORBIDDEN")));
        List<Revoked> published = revokesOf("running-1");
        assertThat(published).hasSize(1);
        Revoked revoke = published.get(0);
        assertThat(revoke.getOutputId()).isNull();
        assertThat(revoke.getTenant()).isEqualTo(ApiRequests.TENANT);
        assertThat(revoke.getReason()).isEqualTo("Customer cancelled");
        assertThat(revoke.getRevokedAt()).isNotNull();
        for (String refused : List.of("complete-1", "missing-1", "theirs-1")) {
            assertThat(revokesOf(refused)).as(refused).isEmpty();
        }
    }

    @Test
    void asksTheStateServiceWithTheCallersOwnKey() {
        exchange(ApiRequests.postJson("/jobs/revoke", "{\"jobIds\": [\"missing-bearer\"]}"));
        exchange(ApiRequests.unauthenticatedPostJson("/jobs/revoke", "{\"jobIds\": [\"missing-header\"]}")
                .header(ApiRequests.KEY_HEADER, ApiRequests.OTHER_KEY));

        assertThat(credentialsSeen.get("missing-bearer")).isEqualTo(Map.of("Authorization", "Bearer " + ApiRequests.KEY));
        assertThat(credentialsSeen.get("missing-header")).isEqualTo(Map.of("X-Api-Key", ApiRequests.OTHER_KEY));
    }

    /** Submits a job over the API as the key's tenant; the fake state service does not know its id (404). */
    private String submit(String key) {
        Answer accepted = exchange(ApiRequests.unauthenticatedPostJson("/jobs", """
                {"source": {"bucket": "src", "key": "a.mp4"},
                 "outputs": [{"outputId": "hls", "format": "HLS_FMP4", "destination": {"bucket": "out", "prefix": "v"}}]}""")
                .bearerAuth(key));
        assertThat(accepted.status()).isEqualTo(202);
        return accepted.body().get("jobId").toString();
    }

    @Test
    void revokesAJobRequestedButNotFoldedByTheStateServiceYet() {
        String jobId = submit(ApiRequests.KEY);

        Answer whole = exchange(ApiRequests.postJson("/jobs/revoke", "{\"jobIds\": [\"" + jobId + "\"]}"));
        Answer output = exchange(ApiRequests.postJson("/jobs/" + jobId + "/outputs/hls/revoke", "{}"));
        Answer unknownOutput = exchange(ApiRequests.postJson("/jobs/" + jobId + "/outputs/dash/revoke", "{}"));

        assertThat(credentialsSeen).containsKey(jobId);
        assertThat(whole.body().get("results")).isEqualTo(List.of(Map.of("jobId", jobId, "result", "REVOKE_REQUESTED")));
        assertThat(output.status()).isEqualTo(202);
        assertThat(unknownOutput.status()).isEqualTo(404);
        assertThat(revokesOf(jobId)).extracting(Revoked::getOutputId).containsExactly(null, "hls");
    }

    @Test
    void anotherTenantsJobNotFoldedYetIsForbiddenAndNotRevoked() {
        String jobId = submit(ApiRequests.OTHER_KEY);

        Answer response = exchange(ApiRequests.postJson("/jobs/revoke", "{\"jobIds\": [\"" + jobId + "\"]}"));

        assertThat(response.body().get("results")).isEqualTo(List.of(Map.of("jobId", jobId, "result", "FORBIDDEN")));
        assertThat(revokesOf(jobId)).isEmpty();
    }

    @Test
    void aJobTheStateServiceCannotAnswerForIsNotRevoked() {
        Answer response = exchange(ApiRequests.postJson("/jobs/revoke", "{\"jobIds\": [\"busy-1\"]}"));

        assertThat(response.body().get("results"))
                .isEqualTo(List.of(Map.of("jobId", "busy-1", "result", "UNAVAILABLE")));
        assertThat(revokesOf("busy-1")).isEmpty();
    }

    @Test
    void revokesARunningOutputWith202() {
        Answer response = exchange(ApiRequests.postJson("/jobs/running-2/outputs/hls/revoke",
                "{\"reason\": \"Wrong ladder\"}"));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body()).isEqualTo(Map.of("jobId", "running-2", "outputId", "hls",
                "result", "REVOKE_REQUESTED"));
        List<Revoked> published = revokesOf("running-2");
        assertThat(published).extracting(Revoked::getOutputId, Revoked::getReason, Revoked::getTenant)
                .containsExactly(tuple("hls", "Wrong ladder", ApiRequests.TENANT));
    }

    @Test
    void revokesAnOutputWithoutABody() {
        Answer response = exchange(ApiRequests.postJson("/jobs/running-3/outputs/hls/revoke", ""));

        assertThat(response.status()).isEqualTo(202);
        assertThat(revokesOf("running-3")).extracting(Revoked::getReason).containsExactly((String) null);
    }

    @Test
    void refusesOutputsThatCannotBeRevokedWithTheMatchingStatus() {
        Map<String, Integer> statusByPath = Map.of(
                "/jobs/running-4/outputs/dash/revoke", 409,
                "/jobs/running-4/outputs/thumbnails/revoke", 409,
                "/jobs/running-4/outputs/other/revoke", 404,
                "/jobs/missing-4/outputs/hls/revoke", 404,
                "/jobs/theirs-4/outputs/hls/revoke", 403,
                "/jobs/busy-4/outputs/hls/revoke", 503);
        Map<String, String> resultByPath = Map.of(
                "/jobs/running-4/outputs/dash/revoke", "ALREADY_DELIVERED",
                "/jobs/running-4/outputs/thumbnails/revoke", "ALREADY_FINAL",
                "/jobs/running-4/outputs/other/revoke", "NOT_FOUND",
                "/jobs/missing-4/outputs/hls/revoke", "NOT_FOUND",
                "/jobs/theirs-4/outputs/hls/revoke", "FORBIDDEN",
                "/jobs/busy-4/outputs/hls/revoke", "UNAVAILABLE");

        statusByPath.forEach((path, status) -> {
            Answer response = exchange(ApiRequests.postJson(path, "{}"));
            assertThat(response.status()).as(path).isEqualTo(status);
            assertThat(response.body().get("result")).as(path).isEqualTo(resultByPath.get(path));
        });
        for (String jobId : List.of("running-4", "missing-4", "theirs-4", "busy-4")) {
            assertThat(revokesOf(jobId)).as(jobId).isEmpty();
        }
    }

    @Test
    void refusesAnInvalidRequestWith400NamingTheField() {
        for (String body : List.of("{}", "{\"jobIds\": []}", "{\"jobIds\": [\"running-5\", \" \"]}")) {
            HttpClientResponseException error = catchThrowableOfType(() -> client.toBlocking().exchange(
                    ApiRequests.postJson("/jobs/revoke", body), String.class), HttpClientResponseException.class);

            assertThat(error.getStatus().getCode()).as(body).isEqualTo(400);
            assertThat(error.getResponse().getBody(String.class).orElseThrow()).as(body).contains("jobIds");
        }
        assertThat(revokesOf("running-5")).isEmpty();
        assertThat(credentialsSeen).doesNotContainKey("running-5");
    }

    @Test
    void refusesARevokeWithoutKey() {
        HttpClientResponseException error = catchThrowableOfType(() -> client.toBlocking().exchange(
                ApiRequests.unauthenticatedPostJson("/jobs/revoke", "{\"jobIds\": [\"running-6\"]}"), String.class),
                HttpClientResponseException.class);

        assertThat(error.getStatus().getCode()).isEqualTo(401);
        assertThat(credentialsSeen).doesNotContainKey("running-6");
        assertThat(revokesOf("running-6")).isEmpty();
    }
}
