package io.reelay.state.http;

import io.micronaut.serde.annotation.Serdeable;
import io.reelay.events.Failure;
import io.reelay.events.JobState;
import io.reelay.events.MediaInfo;
import io.reelay.events.ObjectLocation;
import io.reelay.events.StreamInfo;

import java.time.Instant;
import java.util.List;

/**
 * The JSON answer of {@code GET /jobs/{id}}. Its own type rather than the Avro {@link JobState}, so the HTTP API
 * stays stable while the events evolve.
 */
@Serdeable
public record JobView(String jobId, long version, String status, String tenant, String referenceId,
                      LocationView source, MediaView media, FailureView failure, List<OutputView> outputs,
                      Instant createdAt, Instant updatedAt) {

    static JobView of(JobState job) {
        return new JobView(job.getJobId(), job.getVersion(), job.getStatus().name(), job.getTenant(),
                job.getReferenceId(), LocationView.of(job.getSource()), MediaView.of(job.getMedia()),
                FailureView.of(job.getFailure()), job.getOutputs().stream().map(OutputView::of).toList(),
                job.getCreatedAt(), job.getUpdatedAt());
    }

    /** Where an object or prefix is stored. */
    @Serdeable
    public record LocationView(String bucket, String key) {

        static LocationView of(ObjectLocation location) {
            return location == null ? null : new LocationView(location.getBucket(), location.getKey());
        }
    }

    /** Probe facts of the source. */
    @Serdeable
    public record MediaView(String container, double durationSeconds, long sizeBytes, long bitrate,
                            List<StreamView> streams) {

        static MediaView of(MediaInfo media) {
            return media == null ? null : new MediaView(media.getContainer(), media.getDurationSeconds(),
                    media.getSizeBytes(), media.getBitrate(), media.getStreams().stream().map(StreamView::of).toList());
        }
    }

    /** One stream of the source. */
    @Serdeable
    public record StreamView(int index, String type, String codec, Integer width, Integer height, int rotation,
                             Double frameRate, Long bitrate, Integer channels, Integer sampleRate, String language) {

        static StreamView of(StreamInfo stream) {
            return new StreamView(stream.getIndex(), stream.getType(), stream.getCodec(), stream.getWidth(),
                    stream.getHeight(), stream.getRotation(), stream.getFrameRate(), stream.getBitrate(),
                    stream.getChannels(), stream.getSampleRate(), stream.getLanguage());
        }
    }

    /** Why a job or output failed or was stopped. */
    @Serdeable
    public record FailureView(String reason, String message) {

        static FailureView of(Failure failure) {
            return failure == null ? null : new FailureView(failure.getReason().name(), failure.getMessage());
        }
    }
}
