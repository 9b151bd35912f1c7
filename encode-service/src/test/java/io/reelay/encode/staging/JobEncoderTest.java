package io.reelay.encode.staging;

import io.reelay.encode.core.AttemptKeys;
import io.reelay.encode.core.FfmpegCommand;
import io.reelay.encode.core.OutputHistory;
import io.reelay.encode.core.Plans;
import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.MediaInfo;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputPlan;
import io.reelay.events.Probed;
import io.reelay.events.Revoked;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.StreamInfo;
import io.reelay.retry.RetryPolicy;
import io.reelay.revoke.Revocations;
import io.reelay.storage.StagingLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.reelay.encode.core.Plans.hls;
import static io.reelay.encode.core.Plans.threeRungLadder;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job loop: which outputs are encoded, with which attempt numbers, and how often. The ffmpeg path leads nowhere,
 * so every attempt that gets as far as starting ffmpeg fails, as an attempt whose ffmpeg cannot start would.
 */
@Timeout(60)
class JobEncoderTest {

    private static final ObjectLocation SOURCE = new ObjectLocation("uploads", "job-1/source.mp4");
    private static final AttemptKeys KEYS = new AttemptKeys("attempts");
    private static final StagingLayout LAYOUT = new StagingLayout("work", "staging");

    @TempDir
    Path work;
    private final List<SegmentEncoded> published = new CopyOnWriteArrayList<>();
    private final List<ObjectLocation> sourcesRead = new CopyOnWriteArrayList<>();
    private final Revocations revocations = new Revocations();
    private RunningEncodes running;

    @Test
    void ignoresAJobWhoseProbeFailed() throws Exception {
        Probed failed = probed(List.of()).build();
        failed.setMedia(null);
        failed.setFailure(new Failure(FailureReason.SOURCE_NOT_FOUND, "no such key"));

        encoder(noRetries()).encode(failed);

        assertThat(published).isEmpty();
        assertThat(sourcesRead).isEmpty();
    }

    @Test
    void skipsOutputsPlannedAsFailedAndEncodesTheOthersInPlanOrder() throws Exception {
        OutputPlan noVideo = hls("thumbs", 2, true, threeRungLadder());
        noVideo.setFailure(new Failure(FailureReason.SOURCE_HAS_NO_VIDEO, "no video stream"));

        encoder(noRetries()).encode(probed(List.of(noVideo, hls("first", 2, true, threeRungLadder()),
                hls("second", 2, true, threeRungLadder()))).build());

        assertThat(published).extracting(SegmentEncoded::getOutputId).containsExactly("first", "second");
        assertThat(published).allSatisfy(event -> {
            assertThat(event.getJobId()).isEqualTo("job-1");
            assertThat(event.getAttempt()).isEqualTo(1);
            assertThat(event.getLast()).isTrue();
            assertThat(event.getDurationSeconds()).isEqualTo(12.5);
        });
        assertThat(sourcesRead).containsExactly(SOURCE, SOURCE);
        assertThat(histories()).containsOnly(Map.entry("first", new OutputHistory(1, true)),
                Map.entry("second", new OutputHistory(1, true)));
    }

    @Test
    void skipsOutputsAnEarlierAttemptFinishedAndNumbersTheOthersAboveEveryClaim() throws Exception {
        LocalObjectStore store = store();
        store.putEmpty(KEYS.claimKey("job-1", "first", 1));
        store.putEmpty(KEYS.finishedKey("job-1", "first"));
        store.putEmpty(KEYS.claimKey("job-1", "second", 1));
        store.putEmpty(KEYS.claimKey("job-1", "second", 2));

        encoder(noRetries()).encode(probed(List.of(hls("first", 2, true, threeRungLadder()),
                hls("second", 2, true, threeRungLadder()))).build());

        assertThat(published).singleElement().satisfies(event -> {
            assertThat(event.getOutputId()).isEqualTo("second");
            assertThat(event.getAttempt()).isEqualTo(3);
        });
    }

    @Test
    void retriesAFailingOutputAsNewAttemptsThenFailsItWithTheLastOne() throws Exception {
        encoder(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20)))
                .encode(probed(List.of(hls("hls", 2, true, threeRungLadder()))).build());

        assertThat(published).singleElement().satisfies(event -> {
            assertThat(event.getAttempt()).isEqualTo(3);
            assertThat(event.getLast()).isTrue();
            assertThat(event.getFailure().getReason()).isEqualTo(FailureReason.ENCODE_FAILED);
            assertThat(event.getFailure().getMessage()).contains("/nonexistent/ffmpeg");
        });
        assertThat(sourcesRead).hasSize(3);
        assertThat(histories()).containsOnly(Map.entry("hls", new OutputHistory(3, true)));
        assertThat(work.resolve("scratch")).isEmptyDirectory();
    }

    @Test
    void skipsRevokedOutputsAndPublishesNothingForThem() throws Exception {
        revocations.record(Revoked.newBuilder().setJobId("job-1").setOutputId("revoked")
                .setRevokedAt(Instant.now()).build());

        encoder(noRetries()).encode(probed(List.of(hls("revoked", 2, true, threeRungLadder()),
                hls("kept", 2, true, threeRungLadder()))).build());

        assertThat(published).extracting(SegmentEncoded::getOutputId).containsExactly("kept");
        assertThat(histories()).containsOnlyKeys("kept");
    }

    @Test
    void aRevokeDuringTheBackoffEndsTheRetriesWithoutAFailure() throws Exception {
        JobEncoder encoder = encoder(new RetryPolicy(1, Duration.ofMinutes(10), Duration.ofMinutes(10)));
        Thread revoker = new Thread(() -> {
            awaitClaim("hls", 1);
            revocations.record(Revoked.newBuilder().setJobId("job-1").setRevokedAt(Instant.now()).build());
            stop("job-1");
        });
        revoker.start();

        encoder.encode(probed(List.of(hls("hls", 2, true, threeRungLadder()))).build());
        revoker.join();

        assertThat(published).isEmpty();
        assertThat(histories()).containsOnly(Map.entry("hls", new OutputHistory(1, false)));
    }

    @Test
    void forgetsEveryRecordOfTheJob() throws Exception {
        JobEncoder encoder = encoder(noRetries());
        encoder.encode(probed(List.of(hls("hls", 2, true, threeRungLadder()))).build());
        assertThat(histories()).isNotEmpty();

        encoder.forget("job-1");

        assertThat(histories()).isEmpty();
        assertThat(store().keysUnder("")).isEmpty();
    }

    /** What the service does on reading a revoke: stop the job's running work, wake its waiting retries. */
    private void stop(String jobId) {
        runningEncodes().stop(jobId, null);
    }

    private RunningEncodes runningEncodes() {
        if (running == null) {
            running = new RunningEncodes(new ScratchDirs(work.resolve("scratch")), store(), LAYOUT, revocations);
        }
        return running;
    }

    private JobEncoder encoder(RetryPolicy retries) {
        FfmpegCommand.Settings nowhere = new FfmpegCommand.Settings("/nonexistent/ffmpeg", Plans.FASTEST);
        OutputEncoder outputEncoder = new OutputEncoder(nowhere, LAYOUT, store(), published::add,
                new LocalWatermarkImages(), runningEncodes());
        ThumbnailEncoder thumbnailEncoder = new ThumbnailEncoder(nowhere.ffmpegBin(), LAYOUT, store(),
                published::add, new LocalWatermarkImages(), runningEncodes());
        return new JobEncoder(outputEncoder, thumbnailEncoder, source -> {
            sourcesRead.add(source);
            return "http://127.0.0.1:9/" + source.getKey();
        }, new AttemptLedger(store(), KEYS), retries, runningEncodes());
    }

    private static RetryPolicy noRetries() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO);
    }

    private LocalObjectStore store() {
        return new LocalObjectStore(work.resolve("bucket"));
    }

    private Map<String, OutputHistory> histories() throws Exception {
        return new AttemptLedger(store(), KEYS).read("job-1");
    }

    private void awaitClaim(String outputId, int attempt) {
        try {
            while (histories().getOrDefault(outputId, OutputHistory.NONE).lastAttempt() < attempt) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Probed.Builder probed(List<OutputPlan> plan) {
        MediaInfo media = new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 12.5, 1_000_000L, 640_000L, List.of(
                StreamInfo.newBuilder().setIndex(0).setType("video").setCodec("h264").setWidth(1920)
                        .setHeight(1080).setFrameRate(25.0).build(),
                StreamInfo.newBuilder().setIndex(1).setType("audio").setCodec("aac").setChannels(2)
                        .setSampleRate(48000).build()));
        return Probed.newBuilder()
                .setJobId("job-1")
                .setSource(SOURCE)
                .setMedia(media)
                .setPlan(plan)
                .setProbedAt(Instant.parse("2025-01-01T00:00:00Z"));
    }
}
