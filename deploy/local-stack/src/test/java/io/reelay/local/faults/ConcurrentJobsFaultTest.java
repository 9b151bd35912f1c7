package io.reelay.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelay.local.StackProvisioner;
import io.reelay.local.e2e.Await;
import io.reelay.local.e2e.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thirty jobs submitted at once to the one instance of each service, on two shared cores: every job completes
 * once, with exactly the files its playlists name, one job-level webhook each, and no service's memory growing past
 * a fixed bound.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedFaultStack.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ConcurrentJobsFaultTest {

    private static final int JOBS = 30;
    private static final int SOURCE_SECONDS = 4;
    private static final List<String> LADDER = List.of("240p");
    private static final Duration JOBS_DEADLINE = Duration.ofMinutes(4);
    private static final Duration WEBHOOK_DEADLINE = Duration.ofSeconds(60);
    /**
     * Services run with a 512 MiB heap (-Xmx512m). The other 512 MiB cover what a JVM holds beside its heap:
     * metaspace and code cache (~150 MiB for Micronaut, Kafka and the AWS SDK), thread stacks, and Netty's and
     * Kafka's direct buffers. A heap that outgrew its cap fails with OutOfMemoryError before this; only memory
     * outside the heap growing without bound gets past it. ffmpeg runs as its own process, not counted here.
     */
    private static final long PEAK_RSS_BOUND = 1024L * 1024 * 1024;
    private static final long MIB = 1024 * 1024;

    private final ObjectMapper json = new ObjectMapper();
    private FaultStack stack;
    private FaultJobs jobs;
    private FaultJobs.Source source;
    private WebhookReceiver webhooks;

    @BeforeAll
    void uploadSource(FaultStack stack) throws Exception {
        this.stack = stack;
        jobs = new FaultJobs(stack);
        source = jobs.upload("concurrent", 320, 240, SOURCE_SECONDS);
        webhooks = new WebhookReceiver();
    }

    @AfterAll
    void stopReceiver() {
        if (webhooks != null) {
            webhooks.close();
        }
    }

    private static String prefix(int job) {
        return "faults/concurrent/" + job;
    }

    private static String hookPath(int job) {
        return "/hooks/concurrent/" + job;
    }

    @Test
    void thirtyJobsSubmittedAtOnceAllCompleteOnceEach() throws Exception {
        Instant started = Instant.now();
        Map<String, Integer> jobNumbers = submitAtOnce();
        List<String> jobIds = List.copyOf(jobNumbers.keySet());

        Outcome outcome = Outcome.await(stack, jobs, jobIds, SOURCE_SECONDS, JOBS_DEADLINE);
        List<String> problems = new ArrayList<>(outcome.problems());
        outcome.published().forEach((jobId, published) -> {
            Set<String> stored = new HashSet<>(jobs.delivered(prefix(jobNumbers.get(jobId))));
            Set<String> named = published.keys(StackProvisioner.OUTPUTS_BUCKET);
            if (!stored.equals(named)) {
                problems.add(jobId + " destination holds " + stored + " but its playlists name " + named);
            }
        });
        problems.addAll(jobWebhookProblems(jobNumbers));
        Map<String, Long> peakRss = new LinkedHashMap<>();
        FaultStack.SERVICES.forEach(service -> peakRss.put(service, stack.peakRssBytes(service)));

        FaultReport.append(outcome.row("5. " + JOBS + " jobs at once", JOBS + " jobs submitted concurrently ("
                        + SOURCE_SECONDS + " s 240p source, one rendition) to one instance of each service",
                Duration.between(started, Instant.now()), (problems.isEmpty() ? "each destination exactly its files,"
                        + " one job webhook per job; " : problems.size() + " problems; ") + "peak RSS "
                        + peakRss.entrySet().stream().map(e -> e.getKey().replace("-service", "") + " "
                        + e.getValue() / MIB + " MiB").collect(Collectors.joining(", "))));
        assertThat(problems).isEmpty();
        assertThat(outcome.completed()).isEqualTo(JOBS);
        assertThat(peakRss).allSatisfy((service, bytes) -> assertThat(bytes).as("peak RSS of " + service)
                .isLessThan(PEAK_RSS_BOUND));
    }

    /** Submits every job from its own client thread at the same moment; job id to its number. */
    private Map<String, Integer> submitAtOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(JOBS);
        try {
            List<Future<String>> submissions = new ArrayList<>();
            for (int job = 0; job < JOBS; job++) {
                int number = job;
                submissions.add(clients.submit(() -> jobs.submit(source, prefix(number), LADDER,
                        webhooks.url(hookPath(number)))));
            }
            Map<String, Integer> jobNumbers = new LinkedHashMap<>();
            for (int job = 0; job < JOBS; job++) {
                jobNumbers.put(submissions.get(job).get(), job);
            }
            return jobNumbers;
        } finally {
            clients.shutdownNow();
        }
    }

    /** Once every job had its job-level webhook: jobs that had none, more than one, or a wrong one. */
    private List<String> jobWebhookProblems(Map<String, Integer> jobNumbers) throws InterruptedException {
        try {
            Await.until("a job webhook for every job", WEBHOOK_DEADLINE, () -> Optional.of(true)
                    .filter(ignored -> jobNumbers.values().stream().allMatch(job -> !jobHooks(job).isEmpty())));
        } catch (AssertionError missing) {
            // reported per job below
        }
        List<String> problems = new ArrayList<>();
        jobNumbers.forEach((jobId, job) -> {
            List<JsonNode> hooks = jobHooks(job);
            if (hooks.size() != 1) {
                problems.add(jobId + " got " + hooks.size() + " job webhooks");
            } else if (!hooks.get(0).path("jobId").asText().equals(jobId)
                    || !hooks.get(0).path("status").asText().equals("COMPLETE")) {
                problems.add(jobId + " got the job webhook " + hooks.get(0));
            }
        });
        return problems;
    }

    private List<JsonNode> jobHooks(int job) {
        return webhooks.deliveriesTo(hookPath(job)).stream().map(delivery -> read(delivery.body()))
                .filter(body -> body.path("event").asText().startsWith("job."))
                .toList();
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("webhook body is not JSON: " + body, e);
        }
    }
}
