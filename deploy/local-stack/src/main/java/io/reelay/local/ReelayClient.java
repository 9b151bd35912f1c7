package io.reelay.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API a Reelay user sees: ingest takes uploads and jobs, state reports progress. Every call carries the API
 * key; the presigned upload goes to the object store and carries none.
 */
public final class ReelayClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** Where to PUT a source file, and how to name it in a job afterwards. */
    public record Upload(URI url, String bucket, String key) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI ingest;
    private final URI state;
    private final String authorization;

    public ReelayClient(URI ingest, URI state, String apiKey) {
        this.ingest = ingest;
        this.state = state;
        this.authorization = "Bearer " + apiKey;
    }

    public Upload requestUpload(String filename) {
        JsonNode ticket = expect(201, send(post(ingest.resolve("/uploads"), Map.of("filename", filename))), "upload");
        return new Upload(URI.create(ticket.path("uploadUrl").asText()), ticket.path("source").path("bucket").asText(),
                ticket.path("source").path("key").asText());
    }

    /** Uploads straight to the object store through the presigned URL: the bytes never pass through Reelay. */
    public void putFile(URI presignedUrl, Path file) {
        try {
            HttpRequest request = HttpRequest.newBuilder(presignedUrl)
                    .PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
            HttpResponse<String> response = send(request);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Uploading " + file + " failed: HTTP " + response.statusCode() + " "
                        + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Submits a job; returns its id. */
    public String submit(JsonNode job) {
        return expect(202, send(post(ingest.resolve("/jobs"), job)), "job submission").path("jobId").asText();
    }

    /** The job's progress, or empty while state has not seen it yet or its store is still loading. */
    Optional<JobProgress> job(String jobId) {
        return jobState(jobId).map(state -> JobProgress.from(jobId, state));
    }

    /** The job's state as the state service answers it, or empty while it has not seen it or is still loading. */
    public Optional<JsonNode> jobState(String jobId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(state.resolve("/jobs/" + jobId))
                .timeout(REQUEST_TIMEOUT).header("Authorization", authorization).GET().build());
        if (response.statusCode() == 404 || response.statusCode() == 503) {
            return Optional.empty();
        }
        return Optional.of(expect(200, response, "job status"));
    }

    private HttpRequest post(URI url, Object body) {
        try {
            return HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.uri(), e);
        }
    }

    private JsonNode expect(int status, HttpResponse<String> response, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " refused: HTTP " + response.statusCode() + " " + response.body());
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(what + " answered with something other than JSON: " + response.body(), e);
        }
    }
}
