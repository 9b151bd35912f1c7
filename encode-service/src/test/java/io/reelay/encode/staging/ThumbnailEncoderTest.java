package io.reelay.encode.staging;

import io.reelay.encode.core.AttemptOutcome;
import io.reelay.encode.core.OnFailure;
import io.reelay.encode.core.OutputAttempt;
import io.reelay.encode.core.OutputNotEncodableException;
import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.FileKind;
import io.reelay.events.ImageFormat;
import io.reelay.events.ObjectLocation;
import io.reelay.events.Revoked;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.ThumbnailCapture;
import io.reelay.events.ThumbnailResult;
import io.reelay.events.ThumbnailsPlan;
import io.reelay.events.Watermark;
import io.reelay.events.WatermarkPosition;
import io.reelay.revoke.Revocations;
import io.reelay.storage.StagingLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Captures from a real 3 s clip with the real ffmpeg; the staging bucket is a local folder. */
class ThumbnailEncoderTest {

    private static final StagingLayout LAYOUT = new StagingLayout(LocalObjectStore.BUCKET, "staging");
    private static final OutputAttempt ATTEMPT = new OutputAttempt("job-1", "thumbnails", 1,
            new ObjectLocation("out", "thumbs"), 3);
    private static final Failure PAST_THE_END = new Failure(FailureReason.THUMBNAIL_FAILED, "past the end");

    @TempDir
    static Path sources;
    static Path clip;
    static Path logo;

    @TempDir
    Path work;
    private final List<SegmentEncoded> published = new CopyOnWriteArrayList<>();
    private LocalObjectStore store;
    private final Revocations revocations = new Revocations();
    private RunningEncodes runningEncodes;
    private ThumbnailEncoder encoder;

    @BeforeAll
    static void generateSource() throws Exception {
        clip = Ffmpeg.generateClip(sources.resolve("clip.mp4"), 3);
        logo = Ffmpeg.solidImage(sources.resolve("logo.png"), "red", 64, 64);
    }

    @BeforeEach
    void createEncoder() {
        store = new LocalObjectStore(work.resolve("bucket"));
        WatermarkImages watermarkImages = image -> {
            if (!image.getKey().equals("logo.png")) {
                throw new OutputNotEncodableException(FailureReason.WATERMARK_FAILED, "no watermark " + image.getKey());
            }
            return logo.toString();
        };
        runningEncodes = new RunningEncodes(new ScratchDirs(work.resolve("scratch")), store, LAYOUT, revocations);
        encoder = new ThumbnailEncoder(Ffmpeg.ffmpegPath(), LAYOUT, store, published::add, watermarkImages,
                runningEncodes);
    }

    private static ThumbnailsPlan plan(ImageFormat format, int width, int height, ThumbnailCapture... captures) {
        return ThumbnailsPlan.newBuilder().setOutputId("thumbnails").setFormat(format).setWidth(width)
                .setHeight(height).setCaptures(List.of(captures)).setDestination(ATTEMPT.destination()).build();
    }

    private Path staged(String path) {
        return store.fileOf(LAYOUT.keyOf("job-1", "thumbnails", 1, path));
    }

    @Test
    void capturesEveryTimeAtTheRequestedSizeAndFailsOnlyTheTimesWithoutAFrame() throws Exception {
        // 2.99 s lies after the last frame of a 3 s clip at 25 fps (2.96 s); 10 s was already failed by probe
        encoder.encode(ATTEMPT, plan(ImageFormat.JPEG, 160, 120, new ThumbnailCapture(0.5, null),
                new ThumbnailCapture(10.0, PAST_THE_END), new ThumbnailCapture(2.99, null),
                new ThumbnailCapture(1.5, null)), clip.toString(), OnFailure.FAIL_OUTPUT);

        assertThat(published).extracting(SegmentEncoded::getPath).containsExactly("thumb_0001.jpg", "thumb_0004.jpg");
        assertThat(published).allSatisfy(event -> {
            assertThat(event.getKind()).isEqualTo(FileKind.THUMBNAIL);
            assertThat(event.getFailure()).isNull();
            assertThat(staged(event.getPath())).hasSize(event.getSizeBytes());
            assertThat(Ffmpeg.videoStream(staged(event.getPath()))).isEqualTo("mjpeg,160,120");
        });
        assertThat(published).extracting(SegmentEncoded::getMediaStartSeconds).containsExactly(0.5, 1.5);
        SegmentEncoded last = published.get(1);
        assertThat(last.getLast()).isTrue();
        assertThat(last.getFileCount()).isEqualTo(2);
        long bytes = published.stream().mapToLong(SegmentEncoded::getSizeBytes).sum();
        assertThat(last.getUsage().getBytesWritten()).isEqualTo(bytes);
        assertThat(last.getUsage().getObjectCount()).isEqualTo(2);
        assertThat(last.getUsage().getWallSeconds()).isPositive();
        List<ThumbnailResult> results = last.getThumbnails();
        assertThat(results).extracting(ThumbnailResult::getTimeSeconds).containsExactly(0.5, 10.0, 2.99, 1.5);
        assertThat(results).extracting(ThumbnailResult::getPath)
                .containsExactly("thumb_0001.jpg", null, null, "thumb_0004.jpg");
        assertThat(results.get(1).getFailure()).isEqualTo(PAST_THE_END);
        assertThat(results.get(2).getFailure().getReason()).isEqualTo(FailureReason.THUMBNAIL_FAILED);
        assertThat(work.resolve("scratch")).isEmptyDirectory();
    }

    @Test
    void capturesWebp() throws Exception {
        encoder.encode(ATTEMPT, plan(ImageFormat.WEBP, 96, 72, new ThumbnailCapture(1.0, null)), clip.toString(),
                OnFailure.FAIL_OUTPUT);

        assertThat(published).singleElement().satisfies(event -> {
            assertThat(event.getPath()).isEqualTo("thumb_0001.webp");
            assertThat(event.getLast()).isTrue();
            assertThat(Ffmpeg.videoStream(staged("thumb_0001.webp"))).isEqualTo("webp,96,72");
        });
    }

    @Test
    void laysTheWatermarkOverTheImage() throws Exception {
        ThumbnailsPlan plan = plan(ImageFormat.JPEG, 160, 120, new ThumbnailCapture(1.0, null));
        plan.setWatermark(Watermark.newBuilder().setImage(new ObjectLocation("brand", "logo.png"))
                .setPosition(WatermarkPosition.TOP_LEFT).setWidthRatio(0.25).setMarginRatio(0).build());

        encoder.encode(ATTEMPT, plan, clip.toString(), OnFailure.FAIL_OUTPUT);

        // the mark covers the top-left 40x40 pixels; the frame shows through elsewhere
        BufferedImage image = ImageIO.read(staged("thumb_0001.jpg").toFile());
        assertThat(image.getWidth()).isEqualTo(160);
        Color marked = new Color(image.getRGB(20, 20));
        assertThat(marked.getRed()).isGreaterThan(200);
        assertThat(marked.getGreen()).isLessThan(60);
        assertThat(marked.getBlue()).isLessThan(60);
        assertThat(new Color(image.getRGB(120, 100))).isNotEqualTo(marked);
    }

    @Test
    void failsTheSetWithWatermarkFailedWhenTheImageIsMissing() throws Exception {
        ThumbnailsPlan plan = plan(ImageFormat.JPEG, 160, 120, new ThumbnailCapture(1.0, null));
        plan.setWatermark(Watermark.newBuilder().setImage(new ObjectLocation("brand", "gone.png")).build());

        encoder.encode(ATTEMPT, plan, clip.toString(), OnFailure.FAIL_OUTPUT);

        assertThat(published).singleElement().satisfies(event ->
                assertThat(event.getFailure().getReason()).isEqualTo(FailureReason.WATERMARK_FAILED));
    }

    @Test
    void failsTheSetWhenNoImageCameOutEvenWhenRetriesRemain() throws Exception {
        AttemptOutcome outcome = encoder.encode(ATTEMPT,
                plan(ImageFormat.JPEG, 160, 120, new ThumbnailCapture(2.99, null)), clip.toString(), OnFailure.RETRY);

        // no frame at that time: another attempt would find none either
        assertThat(outcome).isEqualTo(AttemptOutcome.FINISHED);

        assertThat(published).singleElement().satisfies(event -> {
            assertThat(event.getLast()).isTrue();
            assertThat(event.getFailure().getReason()).isEqualTo(FailureReason.THUMBNAIL_FAILED);
        });
        assertThat(Files.exists(staged("thumb_0001.jpg"))).isFalse();
    }

    @Test
    void failsTheSetWhenTheSourceCannotBeReadWithoutNamingItsUrl() throws Exception {
        encoder.encode(ATTEMPT, plan(ImageFormat.JPEG, 160, 120, new ThumbnailCapture(1.0, null)),
                work.resolve("missing.mp4").toString(), OnFailure.FAIL_OUTPUT);

        // a presigned URL in the message would hand its signature to every reader of the topic
        assertThat(published).singleElement().satisfies(event -> assertThat(event.getFailure().getMessage())
                .contains("ffmpeg exited with code").contains("<source>").doesNotContain("missing.mp4"));
    }

    @Test
    void leavesAFailedFfmpegToTheNextAttemptWhileRetriesRemain() throws Exception {
        AttemptOutcome outcome = encoder.encode(ATTEMPT,
                plan(ImageFormat.JPEG, 160, 120, new ThumbnailCapture(1.0, null)),
                work.resolve("missing.mp4").toString(), OnFailure.RETRY);

        assertThat(outcome).isEqualTo(AttemptOutcome.FAILED_RETRYABLE);
        assertThat(published).isEmpty();
        assertThat(work.resolve("scratch")).isEmptyDirectory();
    }

    @Test
    void aRevokeOfTheJobKillsTheCaptureWhichThenPublishesNothing() throws Exception {
        // a source that never delivers a byte: ffmpeg waits on it until it is killed
        Path stalledSource = work.resolve("stalled.mp4");
        assertThat(new ProcessBuilder("mkfifo", stalledSource.toString()).start().waitFor()).isZero();
        ExecutorService capturing = Executors.newSingleThreadExecutor();
        Future<AttemptOutcome> outcome = capturing.submit(() -> encoder.encode(ATTEMPT,
                plan(ImageFormat.JPEG, 160, 120, new ThumbnailCapture(1.0, null)), stalledSource.toString(),
                OnFailure.FAIL_OUTPUT));
        ProcessHandle ffmpeg = awaitFfmpegOf("/job-1/thumbnails/1/");

        revocations.record(Revoked.newBuilder().setJobId("job-1").setRevokedAt(Instant.now()).build());
        StoppingWork stopping = runningEncodes.stop("job-1", null);

        assertThat(outcome.get(60, TimeUnit.SECONDS)).isEqualTo(AttemptOutcome.REVOKED);
        StoppedWork stopped = stopping.awaitCleanedUp();
        capturing.shutdown();
        assertThat(stopped.stoppedProcesses()).isEqualTo(1);
        assertThat(stopped.attempt()).isEqualTo(1);
        assertThat(ffmpeg.isAlive()).isFalse();
        assertThat(published).isEmpty();
        assertThat(work.resolve("scratch")).isEmptyDirectory();
    }

    private static ProcessHandle awaitFfmpegOf(String scratchPath) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            List<ProcessHandle> ffmpeg = Ffmpeg.runningWith(scratchPath);
            if (!ffmpeg.isEmpty()) {
                return ffmpeg.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no ffmpeg started for " + scratchPath);
    }
}
