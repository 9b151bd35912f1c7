package io.reelay.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Thumbnails through all five services: requested over HTTP, captured by ffmpeg, read back from the bucket. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipeline.class)
class ThumbnailsEndToEndTest {

    private static final Duration JOB_DEADLINE = Duration.ofMinutes(3);
    private static final String PREFIX = "e2e/thumbs";

    private PipelineHarness stack;
    private Path clip;

    @BeforeAll
    void startStack(PipelineHarness stack) throws Exception {
        this.stack = stack;
        clip = stack.workDir.resolve("thumbs-clip.mp4");
        MediaProbe.generateClip(clip, 320, 240, 4);
    }


    @Test
    void capturesTheRequestedTimesAtTheRequestedSizeAndFailsOnlyATimePastTheEnd() throws Exception {
        JsonNode source = stack.upload(clip);
        Map<String, Object> job = Map.of(
                "source", Map.of("bucket", source.get("bucket").asText(), "key", source.get("key").asText()),
                "outputs", List.of(Map.of("outputId", "hls", "format", "HLS_FMP4", "qualities", List.of("144p"),
                        "destination", Map.of("bucket", PipelineHarness.OUTPUTS, "prefix", "e2e/thumbs-video"))),
                "thumbnails", Map.of("times", List.of("00:00:01.000", 2.5, 30), "width", 160, "height", 0,
                        "format", "JPEG", "destination", Map.of("bucket", PipelineHarness.OUTPUTS, "prefix", PREFIX)));
        HttpResponse<String> accepted = stack.post(stack.url("ingest-service", "/jobs"), job);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String jobId = stack.json.readTree(accepted.body()).get("jobId").asText();

        JsonNode state = awaitFinalJob(jobId);

        assertThat(state.get("status").asText()).as(state.toString()).isEqualTo("COMPLETE");
        JsonNode set = PipelineHarness.output(state, "thumbnails");
        assertThat(set.get("status").asText()).isEqualTo("READY");
        assertThat(set.get("format").asText()).isEqualTo("THUMBNAILS");
        assertThat(set.get("usage").get("objectCount").asInt()).isEqualTo(2);
        JsonNode thumbnails = set.get("thumbnails");
        assertThat(thumbnails).hasSize(3);
        for (int i = 0; i < 2; i++) {
            JsonNode thumbnail = thumbnails.get(i);
            assertThat(thumbnail.hasNonNull("failure")).as(thumbnail.toString()).isFalse();
            assertThat(thumbnail.get("width").asInt()).isEqualTo(160);
            assertThat(thumbnail.get("height").asInt()).isEqualTo(120);
            String key = PREFIX + "/thumb_000" + (i + 1) + ".jpg";
            assertThat(thumbnail.get("url").asText()).endsWith("/" + PipelineHarness.OUTPUTS + "/" + key);
            assertThat(imageIn(key)).isEqualTo("mjpeg,160,120");
            assertThat(thumbnail.get("bytes").asLong()).isEqualTo(
                    stack.s3.headObject(h -> h.bucket(PipelineHarness.OUTPUTS).key(key)).contentLength());
        }
        JsonNode pastTheEnd = thumbnails.get(2);
        assertThat(pastTheEnd.get("timeSeconds").asDouble()).isEqualTo(30.0);
        assertThat(pastTheEnd.hasNonNull("url")).isFalse();
        assertThat(pastTheEnd.get("failure").get("reason").asText()).isEqualTo("THUMBNAIL_FAILED");
        assertThat(pastTheEnd.get("failure").get("message").asText()).contains("past the end");

        HttpResponse<byte[]> image = stack.http.send(HttpRequest.newBuilder(URI.create(thumbnails.get(0).get("url")
                .asText())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(PipelineHarness.output(state, "hls").get("status").asText()).isEqualTo("READY");
    }

    /** {@code codec,width,height} of an image in the outputs bucket, as ffprobe reads it. */
    private String imageIn(String key) throws Exception {
        Path file = stack.workDir.resolve(key.replace('/', '_'));
        stack.s3.getObject(g -> g.bucket(PipelineHarness.OUTPUTS).key(key), file);
        MediaProbe.Result probe = MediaProbe.run(List.of(MediaProbe.ffprobe(), "-v", "error", "-select_streams",
                "v:0", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", file.toString()));
        assertThat(probe.exitCode()).as(probe.stderr()).isZero();
        return probe.stdout().trim();
    }

    private JsonNode awaitFinalJob(String jobId) throws InterruptedException {
        return stack.awaitFinal(jobId, JOB_DEADLINE);
    }
}
