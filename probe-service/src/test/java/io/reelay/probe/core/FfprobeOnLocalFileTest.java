package io.reelay.probe.core;

import io.reelay.events.FailureReason;
import io.reelay.events.JobRequested;
import io.reelay.events.MediaInfo;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputRequest;
import io.reelay.events.Probed;
import io.reelay.events.Rendition;
import io.reelay.events.StreamInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/** The core against the real ffprobe binary and a real generated clip. */
class FfprobeOnLocalFileTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path directory;
    private static Path clip;
    private static FfprobeCommand ffprobe;
    private final ProcessRunner runner = new ProcessRunner();

    @BeforeAll
    static void makeClip() throws Exception {
        clip = TestMedia.clip(directory);
        ffprobe = new FfprobeCommand(TestMedia.ffprobePath(), Duration.ofSeconds(10));
    }

    @Test
    void readsTheFactsOfARealClip() throws Exception {
        ProcessResult result = runner.run(ffprobe.argumentsFor(clip.toString()), TIMEOUT);

        assertThat(result.succeeded()).as(result.stderr()).isTrue();
        MediaInfo media = FfprobeReport.parse(result.stdout());
        assertThat(media.getContainer()).contains("mp4");
        assertThat(media.getDurationSeconds()).isCloseTo(2.0, within(0.1));
        assertThat(media.getSizeBytes()).isEqualTo(Files.size(clip));
        assertThat(media.getBitrate()).isPositive();
        assertThat(media.getStreams()).extracting(StreamInfo::getType, StreamInfo::getCodec)
                .containsExactly(tuple("video", "h264"),
                        tuple("audio", "aac"));
        StreamInfo video = media.getStreams().get(0);
        assertThat(video.getWidth()).isEqualTo(320);
        assertThat(video.getHeight()).isEqualTo(240);
        assertThat(video.getFrameRate()).isEqualTo(25.0);
        assertThat(video.getRotation()).isZero();
        StreamInfo audio = media.getStreams().get(1);
        assertThat(audio.getSampleRate()).isEqualTo(48_000);
        assertThat(audio.getChannels()).isEqualTo(1);
        assertThat(audio.getLanguage()).isEqualTo("eng");
    }

    @Test
    void plansTheRealClipAtItsOwnSize() throws Exception {
        ProcessResult result = runner.run(ffprobe.argumentsFor(clip.toString()), TIMEOUT);

        Probed probed = ProbeDecision.probed(job(), new ProbeOutcome.FfprobeFinished(result, clip.toString()),
                Instant.now());

        assertThat(probed.getFailure()).isNull();
        assertThat(probed.getPlan()).singleElement().satisfies(plan -> {
            assertThat(plan.getIncludeAudio()).isTrue();
            assertThat(plan.getRenditions()).extracting(Rendition::getName, Rendition::getWidth, Rendition::getHeight)
                    .containsExactly(tuple("240p", 320, 240));
        });
    }

    @Test
    void aTextFileIsNotVideo() throws Exception {
        Path text = Files.writeString(directory.resolve("notes.txt"), "not a video\n");
        ProcessResult result = runner.run(ffprobe.argumentsFor(text.toString()), TIMEOUT);

        Probed probed = ProbeDecision.probed(job(), new ProbeOutcome.FfprobeFinished(result, text.toString()),
                Instant.now());

        assertThat(result.exitCode()).isNotZero();
        assertThat(probed.getFailure().getReason()).isEqualTo(FailureReason.SOURCE_NOT_VIDEO);
    }

    @Test
    void aProcessThatOutlivesItsTimeoutIsKilled() throws Exception {
        // -re paces the endless test pattern in real time, so it would run forever without the timeout.
        List<String> endless = List.of(TestMedia.ffmpegPath(), "-v", "error", "-re", "-f", "lavfi",
                "-i", "testsrc2=size=32x32:rate=5", "-f", "null", "-");

        ProcessResult result = runner.run(endless, Duration.ofMillis(500));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.elapsed()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    private static JobRequested job() {
        return JobRequested.newBuilder()
                .setJobId("job-local")
                .setSource(new ObjectLocation("in", "clip.mp4"))
                .setOutputs(List.of(OutputRequest.newBuilder().setOutputId("main").setFormat(OutputFormat.HLS_FMP4)
                        .setDestination(new ObjectLocation("out", "job-local/main")).build()))
                .setRequestedAt(Instant.now())
                .build();
    }
}
