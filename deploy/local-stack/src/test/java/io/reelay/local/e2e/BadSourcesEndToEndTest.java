package io.reelay.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sources a user can upload by mistake, through all five services: each job ends FAILED with a stable reason, no
 * service falls over, and a good job submitted after them still completes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipeline.class)
class BadSourcesEndToEndTest {

    private static final Duration JOB_DEADLINE = Duration.ofMinutes(4);
    private static final List<String> SERVICES = List.of("ingest-service", "probe-service", "encode-service",
            "upload-service", "state-service");

    private PipelineHarness stack;
    private Path dir;

    @BeforeAll
    void startStack(PipelineHarness stack) throws Exception {
        this.stack = stack;
        dir = Files.createDirectories(stack.workDir.resolve("bad-sources"));
    }

    @Test
    void everyBrokenSourceFailsItsJobWithItsReasonAndTheServicesCarryOn() throws Exception {
        Map<String, String> expectedReasons = new LinkedHashMap<>();
        expectedReasons.put(submit(missingSource(), "missing"), "SOURCE_NOT_FOUND");
        expectedReasons.put(submit(stack.upload(Files.write(dir.resolve("empty.mp4"), new byte[0])), "empty"),
                "SOURCE_EMPTY");
        expectedReasons.put(submit(stack.upload(Files.writeString(dir.resolve("notes.mp4"),
                "meeting notes, not a video\n")), "text"), "SOURCE_NOT_VIDEO");
        expectedReasons.put(submit(stack.upload(Files.write(dir.resolve("noise.mp4"), randomBytes())), "random"),
                "SOURCE_NOT_VIDEO");
        expectedReasons.put(submit(stack.upload(firstHalfOf(clip("index-last.mp4", List.of()))), "cut-index-last"),
                "SOURCE_NOT_VIDEO");
        expectedReasons.put(submit(stack.upload(firstHalfOf(clip("index-first.mp4",
                List.of("-movflags", "+faststart")))), "cut-index-first"), "SOURCE_NOT_VIDEO");
        expectedReasons.put(submit(stack.upload(audioOnly()), "audio-only"), "SOURCE_HAS_NO_VIDEO");

        for (Map.Entry<String, String> job : expectedReasons.entrySet()) {
            JsonNode state = stack.awaitFinal(job.getKey(), JOB_DEADLINE);
            assertThat(state.get("status").asText()).as(state.toString()).isEqualTo("FAILED");
            assertThat(state.get("failure").get("reason").asText()).as(state.toString()).isEqualTo(job.getValue());
            assertThat(state.get("failure").get("message").asText()).isNotBlank();
            assertThat(PipelineHarness.output(state, "hls").get("status").asText()).isEqualTo("FAILED");
        }

        for (String service : SERVICES) {
            HttpResponse<String> health = stack.get(stack.url(service, "/health"));
            assertThat(health.statusCode()).as(service + ": " + health.body()).isEqualTo(200);
        }
        JsonNode good = stack.awaitFinal(submit(stack.upload(clip("good.mp4", List.of())), "good"), JOB_DEADLINE);
        assertThat(good.get("status").asText()).as(good.toString()).isEqualTo("COMPLETE");
    }

    private JsonNode missingSource() {
        return stack.json.valueToTree(Map.of("bucket", PipelineHarness.SOURCES, "key", "uploads/none/bad.mp4"));
    }

    private String submit(JsonNode source, String name) throws Exception {
        Map<String, Object> job = Map.of(
                "referenceId", "bad-source-" + name,
                "source", Map.of("bucket", source.get("bucket").asText(), "key", source.get("key").asText()),
                "outputs", List.of(Map.of("outputId", "hls", "format", "HLS_FMP4", "qualities", List.of("144p"),
                        "destination", Map.of("bucket", PipelineHarness.OUTPUTS, "prefix", "e2e/bad/" + name))));
        HttpResponse<String> accepted = stack.post(stack.url("ingest-service", "/jobs"), job);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return stack.json.readTree(accepted.body()).get("jobId").asText();
    }

    /** A 4 s clip with video and audio; {@code movflags} may move the MP4 index (moov) to the front. */
    private Path clip(String name, List<String> movflags) throws Exception {
        Path clip = dir.resolve(name);
        ffmpeg(concat(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", "4", "-c:v", "libx264", "-preset", "ultrafast",
                "-pix_fmt", "yuv420p", "-c:a", "aac"), movflags, List.of(clip.toString())));
        return clip;
    }

    private Path audioOnly() throws Exception {
        Path voice = dir.resolve("voice.mp4");
        ffmpeg(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "3", "-c:a", "aac",
                voice.toString()));
        return voice;
    }

    /** What an upload cut off halfway leaves behind. */
    private Path firstHalfOf(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        return Files.write(dir.resolve("half-" + file.getFileName()), Arrays.copyOf(bytes, bytes.length / 2));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[64 * 1024];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    private static void ffmpeg(List<String> arguments) throws Exception {
        MediaProbe.Result result = MediaProbe.run(concat(List.of(MediaProbe.ffmpeg(), "-v", "error", "-y"), arguments));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
