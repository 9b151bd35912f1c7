package io.reelay.encode.staging;

import io.reelay.encode.core.EncodingProfile;
import io.reelay.encode.core.FfmpegCommand;
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
 * Encodes one output: runs its ffmpeg, stages each file as soon as ffmpeg completes it, and ends the attempt
 * either with the master playlist (last event, with usage) or with one failure event. The scratch dir of the
 * output is removed afterwards in every case.
 */
public final class OutputEncoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputEncoder.class);
    // How often the scratch dir is checked for completed segments; a fraction of any sensible segment duration.
    private static final Duration STAGING_INTERVAL = Duration.ofMillis(250);

    private final FfmpegCommand.Settings settings;
    private final ScratchDirs scratchDirs;
    private final StagingLayout layout;
    private final ObjectStore store;
    private final SegmentPublisher publisher;
    private final WatermarkImages watermarkImages;
    private final MeteredFfmpeg ffmpegs = new MeteredFfmpeg();

    public OutputEncoder(FfmpegCommand.Settings settings, ScratchDirs scratchDirs, StagingLayout layout,
                         ObjectStore store, SegmentPublisher publisher, WatermarkImages watermarkImages) {
        this.settings = settings;
        this.scratchDirs = scratchDirs;
        this.layout = layout;
        this.store = store;
        this.publisher = publisher;
        this.watermarkImages = watermarkImages;
    }

    /**
     * @param input where ffmpeg reads the source (a presigned URL)
     * @throws EncodeStoppedException when the service stopped during the encode; nothing was published for
     *                                the end of the attempt, so it can be encoded again
     */
    public void encode(OutputAttempt attempt, OutputPlan plan, SourceFacts source, String input)
            throws InterruptedException {
        Path scratchDir = scratchDirs.of(attempt);
        EncodingProfile profile;
        List<String> command;
        try {
            profile = EncodingProfile.of(plan, source, settings.presets());
            String watermarkInput = plan.getWatermark() == null
                    ? null : watermarkImages.inputOf(plan.getWatermark().getImage());
            command = FfmpegCommand.forOutput(settings, input, watermarkInput, plan, source, profile, scratchDir);
        } catch (OutputNotEncodableException notEncodable) {
            LOG.warn("output cannot be encoded: {}", notEncodable.getMessage());
            publisher.publish(SegmentEvents.failed(attempt, 0, notEncodable.reason(), notEncodable.getMessage(),
                    Instant.now()));
            return;
        }
        Packaging packaging = profile.packaging();
        SegmentStager stager = new SegmentStager(attempt,
                packaging.tracks(plan.getRenditions(), profile.withAudio()), packaging.manifests(),
                scratchDir, layout, store, publisher);
        try {
            scratchDirs.create(scratchDir);
            for (String folder : packaging.folders(plan.getRenditions(), profile.withAudio())) {
                scratchDirs.create(scratchDir.resolve(folder));
            }
            run(command, profile, source, stager);
        } catch (IOException | RuntimeException unexpected) {
            if (ffmpegs.closing()) {
                // whatever broke, it broke because the encode was killed: leave the attempt open for a redelivery
                throw new EncodeStoppedException();
            }
            LOG.error("encode failed", unexpected);
            stager.fail(FailureReason.ENCODE_FAILED, "encode failed: " + unexpected);
        } finally {
            scratchDirs.delete(scratchDir);
        }
    }

    /** Kills every running ffmpeg, so that stopping the service does not leave orphan encodes behind. */
    @Override
    public void close() {
        ffmpegs.close();
    }

    private void run(List<String> command, EncodingProfile profile, SourceFacts source, SegmentStager stager)
            throws IOException, InterruptedException {
        UsageMeter meter = UsageMeter.forThisMachine();
        ffmpegs.run(command, meter, STAGING_INTERVAL,
                ffmpeg -> stager.stageCompleted(ffmpeg.progress().encodedSeconds()),
                ffmpeg -> {
                    if (ffmpeg.exitCode() != 0) {
                        LOG.warn("ffmpeg failed exit={} stderr={}", ffmpeg.exitCode(), ffmpeg.stderrTail());
                        stager.fail(FailureReason.ENCODE_FAILED,
                                "ffmpeg exited with code " + ffmpeg.exitCode() + ": " + ffmpeg.stderrTail());
                        return null;
                    }
                    stager.stageRest(ffmpeg.progress().encodedSeconds(), profile, source.frameRate(), meter);
                    LOG.info("output encoded seconds={}", ffmpeg.progress().encodedSeconds());
                    return null;
                });
    }
}
