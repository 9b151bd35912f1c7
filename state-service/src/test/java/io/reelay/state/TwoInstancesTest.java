package io.reelay.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.reelay.events.JobRequested;
import io.reelay.events.JobStatus;
import io.reelay.schemas.Topics;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.reelay.state.JobEvents.at;
import static io.reelay.state.JobEvents.masterPlaylist;
import static io.reelay.state.JobEvents.probed;
import static io.reelay.state.JobEvents.requested;
import static io.reelay.state.JobEvents.segment;
import static io.reelay.state.JobEvents.uploaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two instances of the state service on one broker, with the same application id, so each owns part of the jobs:
 * either one answers for every job, forwarding to the owner, and lists the jobs of both; always for the tenant of
 * the caller's key only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough jobs that both partitions, hence both instances, hold some. */
    private static final List<String> JOB_IDS = List.of("a1", "a2", "a3", "a4", "a5", "a6");
    /** Jobs of the other tenant, one on each partition. */
    private static final List<String> OTHER_TENANT_JOB_IDS = List.of("b1", "b2");

    private final HttpClient http = HttpClient.newHttpClient();
    private InProcessKafka kafka;
    private final List<ApplicationContext> instances = new ArrayList<>();
    private final List<Path> stateDirs = new ArrayList<>();

    @BeforeAll
    void startBrokerAndTwoInstances() throws Exception {
        kafka = InProcessKafka.start();
        for (int i = 0; i < 2; i++) {
            Path stateDir = Files.createTempDirectory("reelay-state-two");
            stateDirs.add(stateDir);
            Map<String, Object> properties = new HashMap<>(kafka.serviceProperties());
            properties.put("reelay.streams.state-dir", stateDir.toString());
            properties.put("micronaut.server.port", InProcessKafka.freePort());
            instances.add(ApplicationContext.run(properties));
            instances.get(i).getBean(EmbeddedServer.class).start();
        }
        awaitEachInstanceOwnsAPartition();
        for (int i = 0; i < JOB_IDS.size(); i++) {
            String jobId = JOB_IDS.get(i);
            // One second apart, so the listing order (newest first) is a6 .. a1.
            kafka.publish(Topics.JOB_REQUESTED, jobId, JobRequested.newBuilder(requested(jobId, null, "hls"))
                    .setRequestedAt(at(i)).build());
        }
        for (String jobId : OTHER_TENANT_JOB_IDS) {
            kafka.publish(Topics.JOB_REQUESTED, jobId, JobRequested.newBuilder(requested(jobId, null, "hls"))
                    .setTenant(TestApiKey.OTHER_TENANT).build());
        }
        Stream.concat(JOB_IDS.stream(), OTHER_TENANT_JOB_IDS.stream())
                .forEach(jobId -> kafka.awaitStatus(jobId, JobStatus.QUEUED, DEADLINE));
    }

    @AfterAll
    void stopAll() throws Exception {
        instances.forEach(ApplicationContext::close);
        kafka.close();
        for (Path stateDir : stateDirs) {
            try (Stream<Path> files = Files.walk(stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private void awaitEachInstanceOwnsAPartition() {
        // Polls rather than spins: the rebalance being waited for needs the CPU.
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            boolean balanced = instances.stream().map(instance -> instance.getBean(KafkaStreams.class))
                    .allMatch(streams -> streams.state() == KafkaStreams.State.RUNNING
                            && streams.metadataForLocalThreads().stream()
                            .anyMatch(thread -> !thread.activeTasks().isEmpty()));
            if (balanced) {
                return;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        fail("The two instances did not split the partitions within %s", DEADLINE);
    }

    private HttpResponse<String> get(int instance, String path) throws IOException, InterruptedException {
        return get(instance, path, TestApiKey.KEY);
    }

    private HttpResponse<String> get(int instance, String path, String key) throws IOException, InterruptedException {
        return http.send(TestApiKey.request(uri(instance, path), key).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(int instance, String path) {
        return URI.create(instances.get(instance).getBean(EmbeddedServer.class).getURL() + path);
    }

    private JsonNode getJson(int instance, String path) throws Exception {
        return getJson(instance, path, TestApiKey.KEY);
    }

    private JsonNode getJson(int instance, String path, String key) throws Exception {
        HttpResponse<String> response = get(instance, path, key);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> jobIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("jobs").forEach(job -> ids.add(job.get("jobId").asText()));
        return ids;
    }

    /** The jobs of the key's tenant that an instance holds itself. */
    private Set<String> ownJobs(int instance, String key) throws Exception {
        return new TreeSet<>(jobIds(getJson(instance, "/jobs?scope=local&limit=100", key)));
    }

    private Set<String> ownJobs(int instance) throws Exception {
        return ownJobs(instance, TestApiKey.KEY);
    }

    /** An instance that does not own {@code jobId}, a job of the key's tenant. */
    private int nonOwnerOf(String jobId, String key) throws Exception {
        return ownJobs(0, key).contains(jobId) ? 1 : 0;
    }

    private int nonOwnerOf(String jobId) throws Exception {
        return nonOwnerOf(jobId, TestApiKey.KEY);
    }

    @Test
    void eachInstanceOwnsPartOfTheJobsAndAnswersForEveryJob() throws Exception {
        Set<String> first = ownJobs(0);
        Set<String> second = ownJobs(1);
        assertThat(first).as("jobs of instance 0").isNotEmpty().doesNotContainAnyElementsOf(second);
        assertThat(second).as("jobs of instance 1").isNotEmpty();
        assertThat(Stream.concat(first.stream(), second.stream()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(JOB_IDS);

        for (int instance = 0; instance < 2; instance++) {
            for (String jobId : JOB_IDS) {
                JsonNode job = getJson(instance, "/jobs/" + jobId);
                assertThat(job.get("jobId").asText()).isEqualTo(jobId);
                assertThat(job.get("referenceId").asText()).isEqualTo("ref-" + jobId);
            }
            assertThat(get(instance, "/jobs/missing").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void listsTheJobsOfBothInstancesNewestFirstPageByPage() throws Exception {
        for (int instance = 0; instance < 2; instance++) {
            List<String> seen = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String path = "/jobs?limit=4";
            while (path != null) {
                JsonNode page = getJson(instance, path);
                List<String> ids = jobIds(page);
                seen.addAll(ids.stream().filter(JOB_IDS::contains).toList());
                pageSizes.add(ids.size());
                path = page.get("nextCursor").isNull() ? null : "/jobs?limit=4&cursor=" + page.get("nextCursor").asText();
            }
            assertThat(seen).as("listing from instance %d", instance)
                    .containsExactly("a6", "a5", "a4", "a3", "a2", "a1");
            assertThat(pageSizes.get(0)).isEqualTo(4);
        }
        assertThat(jobIds(getJson(1, "/jobs?referenceId=ref-a2"))).containsExactly("a2");
        assertThat(get(0, "/jobs?status=SHINY").statusCode()).isEqualTo(400);
        assertThat(get(0, "/jobs?cursor=%21%21").statusCode()).isEqualTo(400);
    }

    @Test
    void forwardsTheCallersKeySoThatTheOwnerAnswersOnlyToTheJobsTenant() throws Exception {
        assertThat(Set.of(nonOwnerOf("b1", TestApiKey.OTHER_TENANT_KEY), nonOwnerOf("b2", TestApiKey.OTHER_TENANT_KEY)))
                .as("the other tenant's jobs live on both instances").containsExactlyInAnyOrder(0, 1);
        for (String jobId : OTHER_TENANT_JOB_IDS) {
            int nonOwner = nonOwnerOf(jobId, TestApiKey.OTHER_TENANT_KEY);

            JsonNode job = getJson(nonOwner, "/jobs/" + jobId, TestApiKey.OTHER_TENANT_KEY);
            assertThat(job.get("tenant").asText()).isEqualTo(TestApiKey.OTHER_TENANT);

            HttpResponse<String> refused = get(nonOwner, "/jobs/" + jobId);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(JSON.readTree(refused.body()).get("message").asText())
                    .isEqualTo("Job " + jobId + " belongs to another tenant");
            assertThat(get(nonOwner, "/jobs/" + jobId + "?waitForChangeAfter=0&timeoutSeconds=5").statusCode())
                    .isEqualTo(403);
        }
        for (int instance = 0; instance < 2; instance++) {
            assertThat(jobIds(getJson(instance, "/jobs?limit=100", TestApiKey.OTHER_TENANT_KEY)))
                    .as("listing of the other tenant from instance %d", instance)
                    .containsExactlyInAnyOrderElementsOf(OTHER_TENANT_JOB_IDS);
            assertThat(jobIds(getJson(instance, "/jobs?limit=100"))).doesNotContainAnyElementsOf(OTHER_TENANT_JOB_IDS);
        }
    }

    @Test
    void aForwardedMarkWithoutKeyIsRefusedLikeAnyOtherRequest() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(0, "/jobs/a1"))
                .header("Reelay-Forwarded", "true").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aLongPollOnTheOtherInstanceAnswersTheNextChangeOrTimesOut() throws Exception {
        String jobId = "a3";
        int other = nonOwnerOf(jobId);
        long version = getJson(other, "/jobs/" + jobId).get("version").asLong();

        HttpResponse<String> nothing = get(other, "/jobs/" + jobId + "?waitForChangeAfter=" + version
                + "&timeoutSeconds=1");
        assertThat(nothing.statusCode()).as(nothing.body()).isEqualTo(504);

        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return get(other, "/jobs/" + jobId + "?waitForChangeAfter=" + version + "&timeoutSeconds=30");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        kafka.publish(Topics.PROBED, jobId, probed(jobId, 10, "hls"));

        HttpResponse<String> changed = waiting.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode job = JSON.readTree(changed.body());
        assertThat(job.get("version").asLong()).isGreaterThan(version);
        assertThat(job.get("status").asText()).isEqualTo("ENCODING");
    }

    private static void awaitLine(BlockingQueue<String> lines, List<String> received, Predicate<String> wanted)
            throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                received.add(line);
                if (wanted.test(line)) {
                    return;
                }
            }
        }
        fail("No line as wanted within %s; got %s", DEADLINE, received);
    }

    @Test
    void streamsEveryChangeAsServerSentEventsThroughTheOtherInstanceUntilTheJobIsFinal() throws Exception {
        String jobId = "a5";
        int other = nonOwnerOf(jobId);
        URI uri = URI.create(instances.get(other).getBean(EmbeddedServer.class).getURL() + "/jobs/" + jobId
                + "/events");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<Void> ended = http.sendAsync(TestApiKey.request(uri)
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        List<String> received = new ArrayList<>();
        // The stream coalesces changes that come faster than a client reads: wait for the first state, so that
        // each change below is seen on its own.
        awaitLine(lines, received, line -> line.contains("\"QUEUED\""));

        kafka.publish(Topics.PROBED, jobId, probed(jobId, 10, "hls"));
        kafka.publish(Topics.SEGMENT_ENCODED, jobId, segment(jobId, "hls", 1, 0, 0.0, 11));
        kafka.publish(Topics.SEGMENT_ENCODED, jobId, masterPlaylist(jobId, "hls", 1, 1, 12));
        kafka.publish(Topics.UPLOADED, jobId, uploaded(jobId, "hls", 1, 13));

        ended.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        lines.drainTo(received);
        List<Long> ids = received.stream().filter(line -> line.startsWith("id:"))
                .map(line -> Long.parseLong(line.substring(3).trim())).toList();
        List<JsonNode> states = new ArrayList<>();
        for (String line : received) {
            if (line.startsWith("data:")) {
                states.add(JSON.readTree(line.substring(5)));
            }
        }
        assertThat(received).filteredOn(line -> line.startsWith("event:"))
                .allMatch(line -> line.substring(6).trim().equals("state"));
        assertThat(ids).isNotEmpty().isSorted().doesNotHaveDuplicates();
        assertThat(states).extracting(state -> state.get("version").asLong()).containsExactlyElementsOf(ids);
        assertThat(states).extracting(state -> state.get("status").asText())
                .startsWith("QUEUED").contains("ENCODING").endsWith("COMPLETE");
        JsonNode last = states.get(states.size() - 1);
        assertThat(last.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(last.at("/outputs/0/percent").asDouble()).isEqualTo(100.0);

        assertThat(jobIds(getJson(other, "/jobs?status=COMPLETE"))).contains(jobId).doesNotContain("a1");
    }
}
