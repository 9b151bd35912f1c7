package io.reelay.encode.staging;

import io.reelay.encode.core.FfmpegCommand;
import io.reelay.encode.core.Plans;
import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.MediaInfo;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputPlan;
import io.reelay.events.Probed;
import io.reelay.events.SegmentEncoded;
import io.reelay.storage.StagingLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.reelay.encode.core.Plans.hls;
import static io.reelay.encode.core.Plans.threeRungLadder;
import static org.assertj.core.api.Assertions.assertThat;

class JobEncoderTest {

    private static final ObjectLocation SOURCE = new ObjectLocation("uploads", "job-1/source.mp4");

    @TempDir
    Path work;
    private final List<SegmentEncoded> published = new ArrayList<>();
    private final List<ObjectLocation> sourcesRead = new ArrayList<>();
    private JobEncoder jobEncoder;

    @BeforeEach
    void createEncoder() {
        // plans in these tests never reach ffmpeg: they are skipped or refused before it would start
        OutputEncoder outputEncoder = new OutputEncoder(
                new FfmpegCommand.Settings("/nonexistent/ffmpeg", Plans.FASTEST), new ScratchDirs(work),
                new StagingLayout("work", "staging"), new LocalObjectStore(work), published::add,
                new LocalWatermarkImages());
        jobEncoder = new JobEncoder(outputEncoder, source -> {
            sourcesRead.add(source);
            return "http://127.0.0.1:9/" + source.getKey();
        });
    }

    @Test
    void ignoresAJobWhoseProbeFailed() throws InterruptedException {
        Probed failed = probed(List.of()).build();
        failed.setMedia(null);
        failed.setFailure(new Failure(FailureReason.SOURCE_NOT_FOUND, "no such key"));

        jobEncoder.encode(failed);

        assertThat(published).isEmpty();
        assertThat(sourcesRead).isEmpty();
    }

    @Test
    void skipsOutputsPlannedAsFailedAndEncodesTheOthersInPlanOrder() throws InterruptedException {
        OutputPlan noVideo = hls("thumbs", 2, true, threeRungLadder());
        noVideo.setFailure(new Failure(FailureReason.SOURCE_HAS_NO_VIDEO, "no video stream"));
        OutputPlan dash = hls("dash", 2, true, threeRungLadder());
        dash.setFormat(OutputFormat.DASH);
        OutputPlan cmaf = hls("cmaf", 2, true, threeRungLadder());
        cmaf.setFormat(OutputFormat.CMAF);

        jobEncoder.encode(probed(List.of(noVideo, dash, cmaf)).build());

        assertThat(published).extracting(SegmentEncoded::getOutputId).containsExactly("dash", "cmaf");
        assertThat(published).allSatisfy(event -> {
            assertThat(event.getJobId()).isEqualTo("job-1");
            assertThat(event.getAttempt()).isEqualTo(1);
            assertThat(event.getLast()).isTrue();
            assertThat(event.getDurationSeconds()).isEqualTo(12.5);
        });
        assertThat(sourcesRead).containsExactly(SOURCE, SOURCE);
    }

    private static Probed.Builder probed(List<OutputPlan> plan) {
        return Probed.newBuilder()
                .setJobId("job-1")
                .setSource(SOURCE)
                .setMedia(new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 12.5, 1_000_000L, 640_000L, List.of()))
                .setPlan(plan)
                .setProbedAt(Instant.parse("2025-01-01T00:00:00Z"));
    }
}
