package io.reelay.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SampleJobTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theSampleAsksForAThreeRungHlsLadderWithFmp4Segments() throws Exception {
        JsonNode expected = json.readTree("""
                {"referenceId":"sample","source":{"bucket":"reelay-sources","key":"uploads/abc/sample.mp4"},
                 "outputs":[{"outputId":"hls","format":"HLS_FMP4","videoCodec":"H264","audioCodec":"AAC",
                             "qualities":["1080p","720p","480p"],"segmentSeconds":4,
                             "destination":{"bucket":"reelay-outputs","prefix":"sample/1700000000"}}]}
                """);

        assertThat(SampleJob.request("sample", "reelay-sources", "uploads/abc/sample.mp4", "sample/1700000000"))
                .isEqualTo(expected);
    }

    @Test
    void aGivenVideoIsReferencedByItsFileNameMadeSafeForObjectKeys() {
        assertThat(SampleJob.referenceIdOf(Path.of("/home/me/My Holiday (2024).mp4"))).isEqualTo("My-Holiday--2024-");
        assertThat(SampleJob.referenceIdOf(Path.of("talk.v2.mov"))).isEqualTo("talk.v2");
    }

    @Test
    void stateAnswersAreReadWithTheirFailuresWhicheverShapeTheyTake() throws Exception {
        JobProgress failed = JobProgress.from("j-2", json.readTree("""
                {"status":"FAILED","failure":{"reason":"SOURCE_NOT_VIDEO","message":"no video stream"},
                 "outputs":[{"outputId":"hls","status":"FAILED","failure":"ENCODE_FAILED"}]}
                """));
        JobProgress complete = JobProgress.from("j-3", json.readTree("""
                {"status":"COMPLETE","outputs":[{"outputId":"hls","status":"READY","percent":100,
                  "playlistUrl":"http://127.0.0.1:9000/reelay-outputs/sample/1/master.m3u8"}]}
                """));
        JobProgress early = JobProgress.from("j-4", json.readTree("{\"status\":\"PROBING\"}"));

        assertThat(failed.finished()).isTrue();
        assertThat(failed.failure()).isEqualTo("SOURCE_NOT_VIDEO: no video stream");
        assertThat(failed.outputs()).singleElement().extracting(JobProgress.Output::failure).isEqualTo("ENCODE_FAILED");
        assertThat(complete.finished()).isTrue();
        assertThat(complete.outputs()).singleElement().satisfies(o -> {
            assertThat(o.percent()).isEqualTo(100);
            assertThat(o.playlistUrl()).isEqualTo("http://127.0.0.1:9000/reelay-outputs/sample/1/master.m3u8");
        });
        assertThat(early.finished()).isFalse();
        assertThat(early.outputs()).isEmpty();
    }

    @Test
    void theSampleVideoIsA1080pH264AacMp4WithItsIndexUpFront() {
        assertThat(SampleVideo.command("/opt/ffmpeg", Path.of("/d/sample.mp4"), SampleVideo.SECONDS))
                .startsWith("/opt/ffmpeg")
                .containsSubsequence("-i", "testsrc2=size=1920x1080:rate=30:duration=10")
                .containsSubsequence("-c:v", "libx264", "-pix_fmt", "yuv420p")
                .containsSubsequence("-c:a", "aac")
                .containsSubsequence("-movflags", "+faststart")
                .endsWith("/d/sample.mp4");
    }
}
