package io.reelay.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelay.local.ReelayClient;
import io.reelay.local.StackProvisioner;
import io.reelay.local.e2e.Await;
import io.reelay.local.e2e.MediaProbe;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Uploads sources and submits jobs to the fault stack the way a client does (presigned upload, then {@code POST
 * /jobs}), and follows them through the state service, which may be down or still loading at any moment.
 */
final class FaultJobs {

    /** The id of the one output every job here has. */
    static final String OUTPUT_ID = "hls";
    /**
     * Length of the source most scenarios break a job of ({@link #uploadMidLength}): long and large enough that
     * ffmpeg runs for several seconds on two shared cores, so that the job can be hit mid-way.
     */
    static final int SOURCE_SECONDS = 20;
    /** The ladder jobs of that source are encoded to. */
    static final List<String> LADDER = List.of("720p", "360p");
    private static final int SEGMENT_SECONDS = 2;
    private static final Set<String> FINAL_STATUSES = Set.of("COMPLETE", "FAILED", "REVOKED");
    private static final Duration AWAIT_DEADLINE = Duration.ofMinutes(3);

    /** A source in the object store. */
    record Source(String bucket, String key) {
    }

    private final FaultStack stack;
    private final ObjectMapper json = new ObjectMapper();

    FaultJobs(FaultStack stack) {
        this.stack = stack;
    }

    /** Generates a clip (moving test pattern and a tone) and uploads it through a presigned URL from ingest. */
    Source upload(String name, int width, int height, int seconds) throws IOException, InterruptedException {
        Path clip = stack.sourcesDir().resolve(name + ".mp4");
        MediaProbe.generateClip(clip, width, height, seconds);
        ReelayClient.Upload upload = stack.client.requestUpload(clip.getFileName().toString());
        stack.client.putFile(upload.url(), clip);
        return new Source(upload.bucket(), upload.key());
    }

    /** Uploads a {@value #SOURCE_SECONDS} s 1280x720 clip, the source most scenarios use. */
    Source uploadMidLength(String name) throws IOException, InterruptedException {
        return upload(name, 1280, 720, SOURCE_SECONDS);
    }

    /**
     * Submits a job with one HLS fMP4 output published under {@code prefix} in the outputs bucket.
     *
     * @param webhookUrl where state notifies the outcome of the output and of the job; null for none
     */
    String submit(Source source, String prefix, List<String> qualities, String webhookUrl) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("referenceId", prefix);
        job.put("source", Map.of("bucket", source.bucket(), "key", source.key()));
        job.put("outputs", List.of(Map.of("outputId", OUTPUT_ID, "format", "HLS_FMP4", "qualities", qualities,
                "segmentSeconds", SEGMENT_SECONDS,
                "destination", Map.of("bucket", StackProvisioner.OUTPUTS_BUCKET, "prefix", prefix))));
        if (webhookUrl != null) {
            job.put("webhookUrl", webhookUrl);
        }
        return stack.client.submit(json.valueToTree(job));
    }

    /** Keys of the objects under the prefix in the outputs bucket (S3Proxy's folder placeholders left out). */
    List<String> delivered(String prefix) {
        return stack.s3.listObjectsV2Paginator(list -> list.bucket(StackProvisioner.OUTPUTS_BUCKET)
                .prefix(prefix + "/")).contents().stream().map(S3Object::key).filter(key -> !key.endsWith("/")).toList();
    }

    /**
     * Waits until some files of the job's output are in its destination but none of its playlists: mid-delivery.
     *
     * @return the keys delivered so far
     */
    List<String> awaitMidDelivery(String jobId, String prefix) throws InterruptedException {
        return Await.until("some files of " + jobId + " delivered, the playlists not yet", AWAIT_DEADLINE,
                () -> Optional.of(delivered(prefix))
                        .filter(keys -> !keys.isEmpty() && keys.stream().noneMatch(key -> key.endsWith(".m3u8"))));
    }

    /** The job's state now; empty while state is down, still loading, or has not seen the job. */
    Optional<JsonNode> state(String jobId) {
        try {
            return stack.client.jobState(jobId);
        } catch (UncheckedIOException | IllegalStateException unavailable) {
            return Optional.empty();
        }
    }

    /** Polls the job's state until {@code wanted} holds for it. */
    JsonNode awaitState(String jobId, String what, Duration timeout, Predicate<JsonNode> wanted)
            throws InterruptedException {
        return Await.until("job " + jobId + " " + what, timeout, () -> state(jobId).filter(wanted));
    }

    /**
     * Waits until every job is COMPLETE, FAILED or REVOKED, or the deadline passes.
     *
     * @return the final state of each job that got one in time
     */
    Map<String, JsonNode> awaitFinal(List<String> jobIds, Duration timeout) throws InterruptedException {
        Map<String, JsonNode> finals = new LinkedHashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (finals.size() < jobIds.size() && System.nanoTime() < deadline) {
            for (String jobId : jobIds) {
                if (!finals.containsKey(jobId)) {
                    state(jobId).filter(FaultJobs::isFinal).ifPresent(state -> finals.put(jobId, state));
                }
            }
            Thread.sleep(500);
        }
        return finals;
    }

    static boolean isFinal(JsonNode state) {
        return FINAL_STATUSES.contains(state.path("status").asText());
    }

    static boolean isComplete(JsonNode state) {
        return state != null && state.path("status").asText().equals("COMPLETE");
    }

    /** The job's one output. */
    static JsonNode output(JsonNode state) {
        for (JsonNode output : state.path("outputs")) {
            if (output.path("outputId").asText().equals(OUTPUT_ID)) {
                return output;
            }
        }
        throw new AssertionError("no output " + OUTPUT_ID + " in " + state);
    }
}
