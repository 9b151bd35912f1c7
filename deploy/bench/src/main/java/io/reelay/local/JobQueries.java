package io.reelay.local;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code GET /jobs/{id}} against the state service with the stack's API key, over HTTP/1.1, as {@value #CLIENTS}
 * concurrent clients each asking for one random job after another: the latency they see, and how many of the jobs
 * they were told about are COMPLETE.
 */
final class JobQueries {

    static final int CLIENTS = 16;
    static final int REQUESTS = 20_000;
    /**
     * Answers about a job the state service does not hold as the tenant's: still answers, timed like the others.
     * A copy whose request was not folded first has no tenant of its own (403), or no state yet (404).
     */
    private static final Set<Integer> ANSWERS_WITHOUT_JOB = Set.of(403, 404);

    /**
     * {@code requests} GETs of random jobs from {@code clients} clients at once, taking {@code seconds} in all;
     * {@code completeAnswers} of them said the job is COMPLETE (the others: not yet, or not the tenant's).
     */
    record Result(int requests, int clients, double seconds, Latencies latencies, int completeAnswers) {

        double perSecond() {
            return requests / seconds;
        }

        double completeShare() {
            return (double) completeAnswers / requests;
        }
    }

    /** What one client saw: each request's latency, and how many answers said COMPLETE. */
    private record ClientRun(long[] nanos, int complete) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI state;
    private final String authorization;

    JobQueries(URI state, String apiKey) {
        this.state = state;
        this.authorization = "Bearer " + apiKey;
    }

    Result measure(List<String> jobIds) throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        int perClient = REQUESTS / CLIENTS;
        long started = System.nanoTime();
        try {
            List<Future<ClientRun>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> timedGets(jobIds, perClient)));
            }
            long[] all = new long[perClient * CLIENTS];
            int complete = 0;
            for (int c = 0; c < CLIENTS; c++) {
                ClientRun run = running.get(c).get();
                System.arraycopy(run.nanos(), 0, all, c * perClient, perClient);
                complete += run.complete();
            }
            return new Result(all.length, CLIENTS, (System.nanoTime() - started) / 1e9, Latencies.of(all), complete);
        } catch (ExecutionException e) {
            throw new IllegalStateException("GET /jobs/{id} failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            clients.shutdownNow();
        }
    }

    private ClientRun timedGets(List<String> jobIds, int count) {
        long[] nanos = new long[count];
        int complete = 0;
        for (int i = 0; i < count; i++) {
            String jobId = jobIds.get(ThreadLocalRandom.current().nextInt(jobIds.size()));
            long sent = System.nanoTime();
            HttpResponse<String> response = get(jobId);
            nanos[i] = System.nanoTime() - sent;
            if (response.statusCode() == 200) {
                complete += "COMPLETE".equals(status(response.body())) ? 1 : 0;
            } else if (!ANSWERS_WITHOUT_JOB.contains(response.statusCode())) {
                throw new IllegalStateException("GET /jobs/" + jobId + " answered " + response.statusCode() + " "
                        + response.body());
            }
        }
        return new ClientRun(nanos, complete);
    }

    private HttpResponse<String> get(String jobId) {
        HttpRequest request = HttpRequest.newBuilder(state.resolve("/jobs/" + jobId))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during GET " + request.uri(), e);
        }
    }

    private String status(String body) {
        try {
            return json.readTree(body).path("status").asText();
        } catch (IOException e) {
            throw new IllegalStateException("The state service answered something other than JSON: " + body, e);
        }
    }
}
