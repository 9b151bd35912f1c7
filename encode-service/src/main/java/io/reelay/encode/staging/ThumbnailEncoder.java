package io.reelay.encode.staging;

import io.reelay.encode.core.AttemptOutcome;
import io.reelay.encode.core.OnFailure;
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
import io.reelay.events.SegmentEncoded;
import io.reelay.events.ThumbnailResult;
import io.reelay.events.ThumbnailsPlan;
import io.reelay.storage.StagingLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Captures one attempt of a thumbnail set with one ffmpeg, stages every image it produced and publishes one
 * THUMBNAIL event per image; the last one also carries the usage and what became of every requested time. A time
 * without an image fails only that thumbnail; the set fails only when no image came out at all, and is tried again
 * first when ffmpeg itself failed.
 */
public final class ThumbnailEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailEncoder.class);
    // How often usage is sampled while ffmpeg runs; captures take seconds, so a fraction of one.
    private static final Duration SAMPLING_INTERVAL = Duration.ofMillis(100);

    private final String ffmpegBin;
    private final StagingLayout layout;
    private final ObjectStore store;
    private final SegmentPublisher publisher;
    private final WatermarkImages watermarkImages;
    private final RunningEncodes runningEncodes;

    public ThumbnailEncoder(String ffmpegBin, StagingLayout layout, ObjectStore store, SegmentPublisher publisher,
                            WatermarkImages watermarkImages, RunningEncodes runningEncodes) {
        this.ffmpegBin = ffmpegBin;
        this.layout = layout;
        this.store = store;
        this.publisher = publisher;
        this.watermarkImages = watermarkImages;
        this.runningEncodes = runningEncodes;
    }

    /**
     * @param input     where ffmpeg reads the source (a presigned URL, or a local path)
     * @param onFailure whether a failed ffmpeg is published as the set's failure or left to another attempt
     * @throws EncodeStoppedException when the service stopped during the capture; nothing ended the attempt
     */
    public AttemptOutcome encode(OutputAttempt attempt, ThumbnailsPlan plan, String input, OnFailure onFailure)
            throws InterruptedException {
        try (RunningAttempt running = runningEncodes.begin(attempt)) {
            if (running.revoked()) {
                return AttemptOutcome.REVOKED;
            }
            return capture(running, plan, input, onFailure);
        }
    }

    private AttemptOutcome capture(RunningAttempt running, ThumbnailsPlan plan, String input, OnFailure onFailure)
            throws InterruptedException {
        OutputAttempt attempt = running.attempt();
        Path scratchDir = running.scratchDir();
        try {
            String watermarkInput = plan.getWatermark() == null ? null
                    : watermarkImages.inputOf(plan.getWatermark().getImage());
            List<ThumbnailShot> shots = ThumbnailCommand.shots(plan);
            List<String> command = ThumbnailCommand.forSet(ffmpegBin, input, watermarkInput, plan, shots,
                    scratchDir);
            ScratchDirs.create(scratchDir);
            UsageMeter meter = UsageMeter.forThisMachine();
            String ffmpegError = withoutUrls(run(running, command, meter), input, watermarkInput);
            List<ThumbnailResult> results = ThumbnailResults.of(plan, imageBytes(scratchDir, shots), ffmpegError);
            List<ThumbnailResult> images = results.stream().filter(result -> result.getPath() != null).toList();
            if (images.isEmpty() && ffmpegError != null) {
                return failed(attempt, ffmpegError, onFailure);
            }
            if (images.isEmpty()) {
                fail(attempt, FailureReason.THUMBNAIL_FAILED, "the source has no frame at any requested time");
                return AttemptOutcome.FINISHED;
            }
            stage(attempt, scratchDir, images, results, meter);
            LOG.info("thumbnails captured images={} failed={}", images.size(), results.size() - images.size());
            return AttemptOutcome.FINISHED;
        } catch (OutputNotEncodableException notEncodable) {
            LOG.warn("thumbnails cannot be captured: {}", notEncodable.getMessage());
            fail(attempt, notEncodable.reason(), notEncodable.getMessage());
            return AttemptOutcome.FINISHED;
        } catch (EncodeRevokedException revoked) {
            LOG.info("thumbnails revoked, attempt {} stopped", attempt.attempt());
            return AttemptOutcome.REVOKED;
        } catch (IOException | RuntimeException unexpected) {
            if (running.stopped()) {
                return running.stoppedOutcome();
            }
            LOG.error("thumbnail capture failed", unexpected);
            return failed(attempt, "thumbnail capture failed: " + unexpected, onFailure);
        }
    }

    /** Runs ffmpeg to its end; returns null when it succeeded, else what went wrong. */
    private static String run(RunningAttempt running, List<String> command, UsageMeter meter)
            throws IOException, InterruptedException {
        return running.run(command, meter, SAMPLING_INTERVAL, ffmpeg -> { }, ffmpeg -> {
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

    private AttemptOutcome failed(OutputAttempt attempt, String message, OnFailure onFailure) {
        if (onFailure == OnFailure.RETRY) {
            LOG.warn("thumbnail attempt failed, another follows: {}", message);
            return AttemptOutcome.FAILED_RETRYABLE;
        }
        fail(attempt, FailureReason.THUMBNAIL_FAILED, message);
        return AttemptOutcome.FINISHED;
    }

    /** Ends the attempt; sequence 0 since the failure is decided before any image is published. */
    private void fail(OutputAttempt attempt, FailureReason reason, String message) {
        publisher.publish(SegmentEvents.failed(attempt, 0, reason, message, Instant.now()));
    }
}
