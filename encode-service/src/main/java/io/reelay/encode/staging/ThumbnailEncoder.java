package io.reelay.encode.staging;

import io.reelay.encode.core.OutputAttempt;
import io.reelay.encode.core.OutputNotEncodableException;
import io.reelay.encode.core.SegmentEvents;
import io.reelay.encode.core.StagingStep;
import io.reelay.encode.core.ThumbnailCommand;
import io.reelay.encode.core.ThumbnailResults;
import io.reelay.encode.core.ThumbnailShot;
import io.reelay.encode.core.UsageMeter;
import io.reelay.events.FailureReason;
import io.reelay.events.FileKind;
import io.reelay.events.ObjectLocation;
import io.reelay.events.Probed;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.ThumbnailResult;
import io.reelay.events.ThumbnailsPlan;
import io.reelay.storage.StagingLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Captures the thumbnail set of a probed job with one ffmpeg, stages every image it produced and publishes one
 * THUMBNAIL event per image; the last one also carries the usage and what became of every requested time. A time
 * without an image fails only that thumbnail; the set fails only when no image came out at all.
 */
public final class ThumbnailEncoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailEncoder.class);
    // Retries of an output attempt do not exist yet; every capture is the first attempt.
    private static final int FIRST_ATTEMPT = 1;
    // How often usage is sampled while ffmpeg runs; captures take seconds, so a fraction of one.
    private static final Duration SAMPLING_INTERVAL = Duration.ofMillis(100);

    private final String ffmpegBin;
    private final ScratchDirs scratchDirs;
    private final StagingLayout layout;
    private final ObjectStore store;
    private final SegmentPublisher publisher;
    private final Function<ObjectLocation, String> sourceInput;
    private final WatermarkImages watermarkImages;
    private final MeteredFfmpeg ffmpegs = new MeteredFfmpeg();

    /** @param sourceInput where ffmpeg reads a source from: a presigned GET URL, so nothing is downloaded first */
    public ThumbnailEncoder(String ffmpegBin, ScratchDirs scratchDirs, StagingLayout layout, ObjectStore store,
                            SegmentPublisher publisher, Function<ObjectLocation, String> sourceInput,
                            WatermarkImages watermarkImages) {
        this.ffmpegBin = ffmpegBin;
        this.scratchDirs = scratchDirs;
        this.layout = layout;
        this.store = store;
        this.publisher = publisher;
        this.sourceInput = sourceInput;
        this.watermarkImages = watermarkImages;
    }

    /** Captures the job's thumbnail set, if it has one that probe found capturable. */
    public void encode(Probed probed) throws InterruptedException {
        ThumbnailsPlan plan = probed.getThumbnails();
        if (probed.getFailure() != null || plan == null || plan.getFailure() != null) {
            // state learns of a failed probe or set from the probed event itself
            return;
        }
        try (MDC.MDCCloseable job = MDC.putCloseable("jobId", probed.getJobId());
             MDC.MDCCloseable output = MDC.putCloseable("outputId", plan.getOutputId())) {
            double duration = probed.getMedia() == null ? 0 : probed.getMedia().getDurationSeconds();
            OutputAttempt attempt = new OutputAttempt(probed.getJobId(), plan.getOutputId(), FIRST_ATTEMPT,
                    plan.getDestination(), duration);
            encode(attempt, plan, sourceInput.apply(probed.getSource()));
        }
    }

    /**
     * @param input where ffmpeg reads the source (a presigned URL, or a local path)
     * @throws EncodeStoppedException when the service stopped during the capture; nothing ended the attempt
     */
    public void encode(OutputAttempt attempt, ThumbnailsPlan plan, String input) throws InterruptedException {
        Path scratchDir = scratchDirs.of(attempt);
        try {
            String watermarkInput = plan.getWatermark() == null ? null
                    : watermarkImages.inputOf(plan.getWatermark().getImage());
            List<ThumbnailShot> shots = ThumbnailCommand.shots(plan);
            List<String> command = ThumbnailCommand.forSet(ffmpegBin, input, watermarkInput, plan, shots,
                    scratchDir);
            scratchDirs.create(scratchDir);
            UsageMeter meter = UsageMeter.forThisMachine();
            String ffmpegError = withoutUrls(run(command, meter), input, watermarkInput);
            List<ThumbnailResult> results = ThumbnailResults.of(plan, imageBytes(scratchDir, shots), ffmpegError);
            List<ThumbnailResult> images = results.stream().filter(result -> result.getPath() != null).toList();
            if (images.isEmpty()) {
                fail(attempt, FailureReason.THUMBNAIL_FAILED,
                        ffmpegError != null ? ffmpegError : "the source has no frame at any requested time");
                return;
            }
            stage(attempt, scratchDir, images, results, meter);
            LOG.info("thumbnails captured images={} failed={}", images.size(), results.size() - images.size());
        } catch (OutputNotEncodableException notEncodable) {
            LOG.warn("thumbnails cannot be captured: {}", notEncodable.getMessage());
            fail(attempt, notEncodable.reason(), notEncodable.getMessage());
        } catch (IOException | RuntimeException unexpected) {
            if (ffmpegs.closing()) {
                throw new EncodeStoppedException();
            }
            LOG.error("thumbnail capture failed", unexpected);
            fail(attempt, FailureReason.THUMBNAIL_FAILED, "thumbnail capture failed: " + unexpected);
        } finally {
            scratchDirs.delete(scratchDir);
        }
    }

    /** Kills every running capture, so that stopping the service leaves no ffmpeg behind. */
    @Override
    public void close() {
        ffmpegs.close();
    }

    /** Runs ffmpeg to its end; returns null when it succeeded, else what went wrong. */
    private String run(List<String> command, UsageMeter meter) throws IOException, InterruptedException {
        return ffmpegs.run(command, meter, SAMPLING_INTERVAL, ffmpeg -> { }, ffmpeg -> {
            if (ffmpeg.exitCode() == 0) {
                return null;
            }
            LOG.warn("ffmpeg failed exit={} stderr={}", ffmpeg.exitCode(), ffmpeg.stderrTail());
            return "ffmpeg exited with code " + ffmpeg.exitCode() + ": " + ffmpeg.stderrTail();
        });
    }

    /** ffmpeg names its inputs in errors; a presigned URL must not carry its signature onto the wire. */
    private static String withoutUrls(String ffmpegError, String input, String watermarkInput) {
        if (ffmpegError == null) {
            return null;
        }
        String cleaned = ffmpegError.replace(input, "<source>");
        return watermarkInput == null ? cleaned : cleaned.replace(watermarkInput, "<watermark image>");
    }

    private static Map<String, Long> imageBytes(Path scratchDir, List<ThumbnailShot> shots) throws IOException {
        Map<String, Long> bytes = new HashMap<>();
        for (ThumbnailShot shot : shots) {
            Path image = scratchDir.resolve(shot.path());
            if (Files.exists(image)) {
                bytes.put(shot.path(), Files.size(image));
            }
        }
        return bytes;
    }

    private void stage(OutputAttempt attempt, Path scratchDir, List<ThumbnailResult> images,
                       List<ThumbnailResult> results, UsageMeter meter) throws IOException {
        long bytesWritten = images.stream().mapToLong(ThumbnailResult::getBytes).sum();
        for (int sequence = 0; sequence < images.size(); sequence++) {
            ThumbnailResult image = images.get(sequence);
            StagingStep step = new StagingStep(FileKind.THUMBNAIL, null, image.getPath(), image.getPath(),
                    image.getTimeSeconds(), 0);
            ObjectLocation staged = store.put(
                    layout.keyOf(attempt.jobId(), attempt.outputId(), attempt.attempt(), image.getPath()),
                    scratchDir.resolve(image.getPath()));
            boolean last = sequence == images.size() - 1;
            SegmentEncoded event = last
                    ? SegmentEvents.last(attempt, sequence, step, staged, image.getBytes(), 0, images.size(),
                            meter.usage(0, bytesWritten, images.size()), Instant.now())
                    : SegmentEvents.staged(attempt, sequence, step, staged, image.getBytes(), 0, Instant.now());
            if (last) {
                event.setThumbnails(results);
            }
            publisher.publish(event);
        }
    }

    /** Ends the attempt; sequence 0 since the failure is decided before any image is published. */
    private void fail(OutputAttempt attempt, FailureReason reason, String message) {
        publisher.publish(SegmentEvents.failed(attempt, 0, reason, message, Instant.now()));
    }
}
