package io.reelay.encode.staging;

import io.reelay.encode.core.AttemptOutcome;
import io.reelay.encode.core.EncodingProfile;
import io.reelay.encode.core.FfmpegCommand;
import io.reelay.encode.core.OnFailure;
import io.reelay.encode.core.OutputAttempt;
import io.reelay.encode.core.OutputNotEncodableException;
import io.reelay.encode.core.Packaging;
import io.reelay.encode.core.SegmentEvents;
import io.reelay.encode.core.SourceFacts;
import io.reelay.encode.core.UsageMeter;
import io.reelay.events.FailureReason;
import io.reelay.events.OutputPlan;
import io.reelay.storage.StagingLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Encodes one attempt of an output: runs its ffmpeg, stages each file as soon as ffmpeg completes it, and ends the
 * attempt with the master playlist (last event, with usage), with one failure event, or, when another attempt
 * follows or the output was revoked, with nothing. The scratch dir of the attempt is removed afterwards in every
 * case.
 */
public final class OutputEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(OutputEncoder.class);
    // How often the scratch dir is checked for completed segments; a fraction of any sensible segment duration.
    private static final Duration STAGING_INTERVAL = Duration.ofMillis(250);

    private final FfmpegCommand.Settings settings;
    private final StagingLayout layout;
    private final ObjectStore store;
    private final SegmentPublisher publisher;
    private final WatermarkImages watermarkImages;
    private final RunningEncodes runningEncodes;

    public OutputEncoder(FfmpegCommand.Settings settings, StagingLayout layout, ObjectStore store,
                         SegmentPublisher publisher, WatermarkImages watermarkImages, RunningEncodes runningEncodes) {
        this.settings = settings;
        this.layout = layout;
        this.store = store;
        this.publisher = publisher;
        this.watermarkImages = watermarkImages;
        this.runningEncodes = runningEncodes;
    }

    /**
     * @param input     where ffmpeg reads the source (a presigned URL)
     * @param onFailure whether a failure another attempt might not meet is published or left to that attempt; an
     *                  output that cannot be encoded as planned fails at once either way
     * @throws EncodeStoppedException when the service stopped during the encode; nothing was published for the
     *                                end of the attempt, so it can be encoded again
     */
    public AttemptOutcome encode(OutputAttempt attempt, OutputPlan plan, SourceFacts source, String input,
                                 OnFailure onFailure) throws InterruptedException {
        try (RunningAttempt running = runningEncodes.begin(attempt)) {
            if (running.revoked()) {
                return AttemptOutcome.REVOKED;
            }
            Path scratchDir = running.scratchDir();
            EncodingProfile profile;
            List<String> command;
            try {
                profile = EncodingProfile.of(plan, source, settings.presets());
                String watermarkInput = plan.getWatermark() == null
                        ? null : watermarkImages.inputOf(plan.getWatermark().getImage());
                command = FfmpegCommand.forOutput(settings, input, watermarkInput, plan, source, profile, scratchDir);
            } catch (OutputNotEncodableException notEncodable) {
                LOG.warn("output cannot be encoded: {}", notEncodable.getMessage());
                publisher.publish(SegmentEvents.failed(attempt, 0, notEncodable.reason(),
                        notEncodable.getMessage(), Instant.now()));
                return AttemptOutcome.FINISHED;
            }
            Packaging packaging = profile.packaging();
            SegmentStager stager = new SegmentStager(attempt,
                    packaging.tracks(plan.getRenditions(), profile.withAudio()), packaging.manifests(),
                    scratchDir, layout, store, publisher);
            try {
                ScratchDirs.create(scratchDir);
                for (String folder : packaging.folders(plan.getRenditions(), profile.withAudio())) {
                    ScratchDirs.create(scratchDir.resolve(folder));
                }
                String failure = run(running, command, profile, source, stager);
                return failure == null ? AttemptOutcome.FINISHED : failed(stager, failure, onFailure);
            } catch (EncodeRevokedException revoked) {
                LOG.info("output revoked, attempt {} stopped", attempt.attempt());
                return AttemptOutcome.REVOKED;
            } catch (IOException | RuntimeException unexpected) {
                if (running.stopped()) {
                    // whatever broke, it broke because the encode was killed
                    return running.stoppedOutcome();
                }
                LOG.error("encode failed", unexpected);
                return failed(stager, "encode failed: " + unexpected, onFailure);
            }
        }
    }

    /** Runs ffmpeg and stages its files; null when the output was staged whole, else why ffmpeg failed. */
    private String run(RunningAttempt running, List<String> command, EncodingProfile profile, SourceFacts source,
                       SegmentStager stager) throws IOException, InterruptedException {
        UsageMeter meter = UsageMeter.forThisMachine();
        return running.run(command, meter, STAGING_INTERVAL,
                ffmpeg -> stager.stageCompleted(ffmpeg.progress().encodedSeconds()),
                ffmpeg -> {
                    if (ffmpeg.exitCode() != 0) {
                        LOG.warn("ffmpeg failed exit={} stderr={}", ffmpeg.exitCode(), ffmpeg.stderrTail());
                        return "ffmpeg exited with code " + ffmpeg.exitCode() + ": " + ffmpeg.stderrTail();
                    }
                    stager.stageRest(ffmpeg.progress().encodedSeconds(), profile, source.frameRate(), meter);
                    LOG.info("output encoded seconds={}", ffmpeg.progress().encodedSeconds());
                    return null;
                });
    }

    private static AttemptOutcome failed(SegmentStager stager, String message, OnFailure onFailure) {
        if (onFailure == OnFailure.RETRY) {
            LOG.warn("attempt failed, another follows: {}", message);
            return AttemptOutcome.FAILED_RETRYABLE;
        }
        stager.fail(FailureReason.ENCODE_FAILED, message);
        return AttemptOutcome.FINISHED;
    }
}
