package io.reelay.state.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.reelay.events.Failure;
import io.reelay.events.JobState;
import io.reelay.events.MediaInfo;
import io.reelay.events.ObjectLocation;
import io.reelay.events.RevokeAcknowledgement;
import io.reelay.events.RevokeState;
import io.reelay.events.StreamInfo;
import io.reelay.events.Transition;
import io.reelay.events.WebhookAttempted;

import java.time.Instant;
import java.util.List;

/**
 * The JSON answer of {@code GET /jobs/{id}}. Its own type rather than the Avro {@link JobState}, so the HTTP API
 * stays stable while the events evolve.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL) // empty lists stay in the JSON: clients need not test for absence
public record JobView(String jobId, long version, String status, String tenant, String referenceId,
                      LocationView source, MediaView media, FailureView failure, List<OutputView> outputs,
                      List<TransitionView> transitions, String webhookEvents,
                      List<WebhookAttemptView> webhookAttempts, Instant createdAt, Instant updatedAt,
                      RevokeView revoke) {

    static JobView of(JobState job) {
        return new JobView(job.getJobId(), job.getVersion(), job.getStatus().name(), job.getTenant(),
                job.getReferenceId(), LocationView.of(job.getSource()), MediaView.of(job.getMedia()),
                FailureView.of(job.getFailure()), job.getOutputs().stream().map(OutputView::of).toList(),
                TransitionView.of(job.getTransitions()), job.getWebhookEvents().name(),
                job.getWebhookAttempts().stream().map(WebhookAttemptView::of).toList(),
                job.getCreatedAt(), job.getUpdatedAt(), RevokeView.of(job.getRevoke()));
    }

    /** A status entered, and when. */
    @Serdeable
    public record TransitionView(String status, Instant at) {

        static List<TransitionView> of(List<Transition> transitions) {
            return transitions.stream().map(t -> new TransitionView(t.getStatus(), t.getAt())).toList();
        }
    }

    /** One try to deliver a webhook notification and its outcome. */
    @Serdeable
    public record WebhookAttemptView(String deliveryId, String event, String outputId, String url, int attempt,
                                     String outcome, int statusCode, String detail, Instant attemptedAt) {

        static WebhookAttemptView of(WebhookAttempted attempt) {
            return new WebhookAttemptView(attempt.getDeliveryId(), attempt.getEvent(), attempt.getOutputId(),
                    attempt.getUrl(), attempt.getAttempt(), attempt.getOutcome().name(), attempt.getStatusCode(),
                    attempt.getDetail(), attempt.getAttemptedAt());
        }
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
    @JsonInclude(JsonInclude.Include.NON_NULL)
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

    /**
     * A revoke of the job or of one output: when it was accepted, why, what each service reported it stopped and
     * cleaned, and whether probe, encode and upload have all reported.
     */
    @Serdeable
    public record RevokeView(Instant requestedAt, String reason, List<AcknowledgementView> acknowledgements,
                             boolean complete) {

        static RevokeView of(RevokeState revoke) {
            return revoke == null ? null : new RevokeView(revoke.getRequestedAt(), revoke.getReason(),
                    revoke.getAcknowledgements().stream().map(AcknowledgementView::of).toList(),
                    revoke.getComplete());
        }
    }

    /** What one service instance stopped and cleaned for a revoke. */
    @Serdeable
    public record AcknowledgementView(String service, String instance, int stoppedProcesses, int deletedFiles,
                                      int deletedObjects, int abortedUploads, Instant at) {

        static AcknowledgementView of(RevokeAcknowledgement acknowledgement) {
            return new AcknowledgementView(acknowledgement.getService(), acknowledgement.getInstance(),
                    acknowledgement.getStoppedProcesses(), acknowledgement.getDeletedFiles(),
                    acknowledgement.getDeletedObjects(), acknowledgement.getAbortedUploads(), acknowledgement.getAt());
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
