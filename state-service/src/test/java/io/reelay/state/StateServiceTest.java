package io.reelay.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.reelay.events.JobRequested;
import io.reelay.events.JobStatus;
import io.reelay.events.Revoked;
import io.reelay.events.WebhookEvents;
import io.reelay.events.WebhookRequested;
import io.reelay.schemas.Topics;
import jakarta.inject.Inject;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static io.reelay.state.JobEvents.masterPlaylist;
import static io.reelay.state.JobEvents.playlistUrl;
import static io.reelay.state.JobEvents.probed;
import static io.reelay.state.JobEvents.requested;
import static io.reelay.state.JobEvents.revoked;
import static io.reelay.state.JobEvents.segment;
import static io.reelay.state.JobEvents.uploaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The state service as it runs: a real KRaft broker in-process, the Streams topology started by Micronaut, the
 * HTTP query and the webhook dispatcher. Only the registry is replaced, by a serde that needs none.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateServiceTest implements TestPropertyProvider {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One webhook POST as the receiver got it. */
    record Webhook(String path, String deliveryId, String contentType, JsonNode body) {
    }

    /** Deliveries by receiver path, so that one test's retries never reach another test's assertions. */
    private final Map<String, BlockingQueue<Webhook>> webhooks = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private InProcessKafka kafka;
    private HttpServer receiver;
    private Path stateDir;

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            kafka = InProcessKafka.start();
            receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            receiver.createContext("/hooks", exchange -> answer(exchange, 204));
            // Fails twice, then acknowledges.
            AtomicInteger flakyCalls = new AtomicInteger();
            receiver.createContext("/flaky", exchange -> answer(exchange, flakyCalls.incrementAndGet() <= 2 ? 503 : 200));
            receiver.createContext("/broken", exchange -> answer(exchange, 500));
            receiver.start();
            stateDir = Files.createTempDirectory("reelay-state-test");
        } catch (Exception e) {
            throw new IllegalStateException("Test infrastructure did not start", e);
        }
        Map<String, String> properties = new HashMap<>(kafka.serviceProperties());
        properties.putAll(Map.of(
                "reelay.streams.state-dir", stateDir.toString(),
                "reelay.webhooks.backoff", "50ms",
                // tries at 0, 50, 150, 350, 750 ms and 1.55 s, then gives up
                "reelay.webhooks.retry-period", "2s",
                "reelay.webhooks.allowed-hosts", "127.0.0.1",
                "micronaut.server.port", Integer.toString(InProcessKafka.freePort())));
        return properties;
    }

    private void answer(HttpExchange exchange, int status) throws IOException {
        webhooksTo(exchange.getRequestURI().getPath()).add(new Webhook(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Reelay-Delivery-Id"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                JSON.readTree(exchange.getRequestBody())));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @AfterAll
    void stopInfrastructure() throws Exception {
        // The service goes first, so that its Streams and consumers do not outlive the broker.
        context.close();
        receiver.stop(0);
        kafka.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private String hookUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return getAs(TestApiKey.KEY, path);
    }

    /** @param key null for a request without key */
    private HttpResponse<String> getAs(String key, String path) throws IOException, InterruptedException {
        URI uri = URI.create(server.getURL() + path);
        HttpRequest.Builder request = key == null ? HttpRequest.newBuilder(uri) : TestApiKey.request(uri, key);
        // an event stream that should have been refused would otherwise never end
        return http.send(request.timeout(DEADLINE).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void awaitStatus(String jobId, JobStatus status) {
        kafka.awaitStatus(jobId, status, DEADLINE);
    }

    private JsonNode job(String jobId) throws Exception {
        HttpResponse<String> response = get("/jobs/" + jobId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void foldsAJobFromItsEventsServesItAndAnnouncesItsCompletion() throws Exception {
        kafka.publish(Topics.JOB_REQUESTED, "j1", requested("j1", hookUrl("/hooks"), "hls"));
        awaitStatus("j1", JobStatus.QUEUED);

        kafka.publish(Topics.PROBED, "j1", probed("j1", 1, "hls"));
        kafka.publish(Topics.SEGMENT_ENCODED, "j1", segment("j1", "hls", 1, 0, 0.0, 2));
        kafka.publish(Topics.SEGMENT_ENCODED, "j1", masterPlaylist("j1", "hls", 1, 1, 3));
        kafka.publish(Topics.UPLOADED, "j1", uploaded("j1", "hls", 1, 4));

        awaitStatus("j1", JobStatus.COMPLETE);

        JsonNode job = job("j1");
        assertThat(job.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(job.get("referenceId").asText()).isEqualTo("ref-j1");
        assertThat(job.at("/media/durationSeconds").asDouble()).isEqualTo(4.0);
        assertThat(job.get("createdAt").asText()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(job.get("updatedAt").asText()).isEqualTo("2025-01-01T10:00:04Z");
        JsonNode output = job.at("/outputs/0");
        assertThat(output.get("status").asText()).isEqualTo("READY");
        assertThat(output.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(output.get("playlistUrl").asText()).isEqualTo(playlistUrl("hls"));
        assertThat(output.get("renditions")).hasSize(2);
        assertThat(output.at("/usage/cpuSeconds").asDouble()).isEqualTo(3.5);

        Webhook outputHook = webhooksTo("/hooks").poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(outputHook).as("output webhook POST").isNotNull();
        assertThat(outputHook.deliveryId()).isEqualTo("j1:output:hls:READY");
        assertThat(outputHook.body().get("event").asText()).isEqualTo("output.ready");
        Webhook webhook = webhooksTo("/hooks").poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(webhook).as("job webhook POST").isNotNull();
        assertThat(webhook.deliveryId()).isEqualTo("j1:job:COMPLETE");
        assertThat(webhook.contentType()).isEqualTo("application/json");
        assertThat(webhook.body().get("event").asText()).isEqualTo("job.completed");
        assertThat(webhook.body().at("/outputs/0/playlistUrl").asText()).isEqualTo(playlistUrl("hls"));
        assertThat(webhooksTo("/hooks")).isEmpty();

        JsonNode recorded = awaitVersionWhere("j1", 0,
                state -> state.get("webhookAttempts").size() == 2);
        assertThat(recorded.get("webhookAttempts")).extracting(attempt -> attempt.get("deliveryId").asText(),
                        attempt -> attempt.get("outcome").asText(), attempt -> attempt.get("statusCode").asInt())
                .containsExactly(tuple("j1:output:hls:READY", "DELIVERED", 204),
                        tuple("j1:job:COMPLETE", "DELIVERED", 204));
        assertThat(recorded.get("status").asText()).isEqualTo("COMPLETE");
    }

    /** Follows the job with long-polls from {@code version} on until its state satisfies {@code condition}. */
    private JsonNode awaitVersionWhere(String jobId, long version, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("/jobs/" + jobId + "?waitForChangeAfter=" + version
                    + "&timeoutSeconds=5");
            assertThat(response.statusCode()).as(response.body()).isIn(200, 504);
            last = response.body();
            if (response.statusCode() == 200) {
                JsonNode state = JSON.readTree(response.body());
                assertThat(state.get("version").asLong()).isGreaterThan(version);
                if (condition.test(state)) {
                    return state;
                }
                version = state.get("version").asLong();
            }
        }
        return fail("Job %s never satisfied the condition within %s; last answer: %s", jobId, DEADLINE, last);
    }

    @Test
    void servesAQueuedJobAndAnswersNotFoundForAnUnknownOne() throws Exception {
        kafka.publish(Topics.JOB_REQUESTED, "j2", requested("j2", null, "hls", "dash"));
        awaitStatus("j2", JobStatus.QUEUED);

        JsonNode job = job("j2");
        assertThat(job.get("status").asText()).isEqualTo("QUEUED");
        assertThat(job.get("outputs")).extracting(output -> output.get("status").asText())
                .containsExactly("QUEUED", "QUEUED");

        HttpResponse<String> unknown = get("/jobs/missing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("message").asText()).isEqualTo("No job with id missing");
    }

    @Test
    void refusesEveryJobQueryWithoutAKnownKeyButServesHealthMetricsAndThePage() throws Exception {
        for (String path : List.of("/jobs/j2", "/jobs?limit=5", "/jobs/j2/events",
                "/jobs/j2?waitForChangeAfter=0&timeoutSeconds=1", "/loggers")) {
            HttpResponse<String> withoutKey = getAs(null, path);
            assertThat(withoutKey.statusCode()).as(path).isEqualTo(401);
            assertThat(withoutKey.headers().firstValue("WWW-Authenticate")).as(path).get().asString()
                    .startsWith("Bearer");
            assertThat(JSON.readTree(withoutKey.body()).get("message").asText()).startsWith("An API key is required");
            HttpResponse<String> wrongKey = getAs("not-a-key", path);
            assertThat(wrongKey.statusCode()).as(path).isEqualTo(401);
            assertThat(JSON.readTree(wrongKey.body()).get("message").asText()).isEqualTo("Unknown API key");
        }
        for (String path : List.of("/health/liveness", "/prometheus", "/", "/js/app.js", "/style.css",
                "/openapi/reelay-state-0.1.yml")) {
            assertThat(getAs(null, path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void aTenantSeesOnlyItsOwnJobsAndGets403ForAnotherTenantsJob() throws Exception {
        kafka.publish(Topics.JOB_REQUESTED, "mine", requested("mine", null, "hls"));
        kafka.publish(Topics.JOB_REQUESTED, "theirs", JobRequested.newBuilder(requested("theirs", null, "hls"))
                .setTenant(TestApiKey.OTHER_TENANT).build());
        awaitStatus("mine", JobStatus.QUEUED);
        awaitStatus("theirs", JobStatus.QUEUED);

        HttpResponse<String> refused = get("/jobs/theirs");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("message").asText())
                .isEqualTo("Job theirs belongs to another tenant");
        assertThat(get("/jobs/theirs?waitForChangeAfter=0&timeoutSeconds=5").statusCode()).isEqualTo(403);
        assertThat(get("/jobs/theirs/events").statusCode()).isEqualTo(403);
        assertThat(jobIds(get("/jobs?limit=100"))).contains("mine").doesNotContain("theirs");

        HttpResponse<String> theirs = getAs(TestApiKey.OTHER_TENANT_KEY, "/jobs/theirs");
        assertThat(theirs.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(theirs.body()).get("tenant").asText()).isEqualTo(TestApiKey.OTHER_TENANT);
        assertThat(jobIds(getAs(TestApiKey.OTHER_TENANT_KEY, "/jobs?limit=100"))).containsExactly("theirs");
        assertThat(getAs(TestApiKey.OTHER_TENANT_KEY, "/jobs/mine").statusCode()).isEqualTo(403);
    }

    private static List<String> jobIds(HttpResponse<String> page) throws IOException {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(page.body()).get("jobs").forEach(job -> ids.add(job.get("jobId").asText()));
        return ids;
    }

    /** A job that asks for its job webhook only and is revoked now, so the retry period counts from now. */
    private void revokeNow(String jobId, String hookPath) throws Exception {
        Instant now = Instant.now();
        kafka.publish(Topics.JOB_REQUESTED, jobId, JobRequested.newBuilder(requested(jobId, hookUrl(hookPath), "hls"))
                .setWebhookEvents(WebhookEvents.JOB).setRequestedAt(now).build());
        kafka.publish(Topics.REVOKED, jobId, Revoked.newBuilder(revoked(jobId, null, 1)).setRevokedAt(now).build());
    }

    @Test
    void retriesAReceiverThatFailsUntilItAcknowledgesAndRecordsEveryTry() throws Exception {
        revokeNow("j3", "/flaky");

        JsonNode recorded = awaitVersionWhere("j3", 0, state -> state.get("webhookAttempts").size() == 3);
        assertThat(recorded.get("webhookAttempts")).extracting(attempt -> attempt.get("attempt").asInt(),
                        attempt -> attempt.get("outcome").asText(), attempt -> attempt.get("statusCode").asInt())
                .containsExactly(tuple(1, "RETRYING", 503), tuple(2, "RETRYING", 503), tuple(3, "DELIVERED", 200));
        assertThat(webhooksTo("/flaky")).extracting(Webhook::deliveryId)
                .containsExactly("j3:job:REVOKED", "j3:job:REVOKED", "j3:job:REVOKED");
    }

    @Test
    void givesUpOnAReceiverThatKeepsFailingAndParksTheNotificationOnTheDeadLetterTopic() throws Exception {
        revokeNow("j4", "/broken");

        ConsumerRecord<String, SpecificRecord> parked = kafka.awaitRecord(Topics.WEBHOOK_REQUESTS.deadLetterName(),
                DEADLINE, record -> record.key().equals("j4"));
        assertThat(((WebhookRequested) parked.value()).getDeliveryId()).isEqualTo("j4:job:REVOKED");
        assertThat(new String(parked.headers().lastHeader("reelay-error").value(), StandardCharsets.UTF_8))
                .isEqualTo("HTTP 500");
        JsonNode recorded = awaitVersionWhere("j4", 0, state -> state.get("webhookAttempts").size() > 0
                && lastOutcome(state).equals("GAVE_UP"));
        assertThat(recorded.get("webhookAttempts")).extracting(attempt -> attempt.get("outcome").asText())
                .startsWith("RETRYING").endsWith("GAVE_UP").hasSizeGreaterThan(2);
    }

    private static String lastOutcome(JsonNode state) {
        JsonNode attempts = state.get("webhookAttempts");
        return attempts.get(attempts.size() - 1).get("outcome").asText();
    }

    private BlockingQueue<Webhook> webhooksTo(String path) {
        return webhooks.computeIfAbsent(path, any -> new LinkedBlockingQueue<>());
    }

    @Test
    void servesTheOpenApiDocumentOfItsHttpApi() throws Exception {
        HttpResponse<String> document = get("/openapi/reelay-state-0.1.yml");

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).startsWith("openapi: 3.")
                .contains("  /jobs:", "  /jobs/{id}:", "  /jobs/{id}/events:", "waitForChangeAfter", "nextCursor",
                        "    JobView:", "webhookAttempts", "securitySchemes:", "scheme: bearer")
                .doesNotContain("Reelay-Forwarded");
    }
}
