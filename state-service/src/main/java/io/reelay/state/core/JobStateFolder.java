package io.reelay.state.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.JobRequested;
import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputPlan;
import io.reelay.events.OutputRequest;
import io.reelay.events.OutputState;
import io.reelay.events.OutputStatus;
import io.reelay.events.Probed;
import io.reelay.events.RevokeAcknowledged;
import io.reelay.events.RevokeState;
import io.reelay.events.Revoked;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.Uploaded;
import io.reelay.events.WebhookAttempted;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Folds the events of one job into its {@link JobState}. Every function is pure: it never mutates its arguments
 * and takes time only from the event, so replaying a job's events always yields the same state.
 * <p>
 * A state that an event does not change is returned as the same instance (same {@code version}), which makes
 * redelivered events harmless; every real change increments {@code version}. A final job never changes again,
 * except for records of what happened after it ended: webhook tries and acknowledgements of its revoke. Events of
 * a job or output that is not known yet are ignored, except the request and the probe result, which both name the
 * job's outputs.
 */
public final class JobStateFolder {

    private static final int KEPT_WEBHOOK_ATTEMPTS = 50;

    private JobStateFolder() {
    }

    /** Applies any event of the pipeline; a record of another type changes nothing. */
    public static JobState apply(JobState current, SpecificRecord event) {
        if (event instanceof JobRequested requested) {
            return apply(current, requested);
        } else if (event instanceof Probed probed) {
            return apply(current, probed);
        } else if (event instanceof SegmentEncoded segment) {
            return apply(current, segment);
        } else if (event instanceof Uploaded uploaded) {
            return apply(current, uploaded);
        } else if (event instanceof Revoked revoked) {
            return apply(current, revoked);
        } else if (event instanceof RevokeAcknowledged acknowledged) {
            return apply(current, acknowledged);
        } else if (event instanceof WebhookAttempted attempt) {
            return apply(current, attempt);
        }
        return current;
    }

    /** The job is known: its request facts, and one QUEUED output per requested output. */
    public static JobState apply(JobState current, JobRequested event) {
        return fold(current, event.getJobId(), event.getRequestedAt(), job -> {
            job.setTenant(event.getTenant());
            job.setReferenceId(event.getReferenceId());
            job.setSource(event.getSource());
            job.setWebhookUrl(event.getWebhookUrl());
            job.setWebhookEvents(event.getWebhookEvents());
            job.setWebhookSecret(event.getWebhookSecret());
            job.setCreatedAt(event.getRequestedAt());
            for (OutputRequest output : event.getOutputs()) {
                outputOrAdd(job, output.getOutputId(), output.getFormat());
            }
            if (event.getThumbnails() != null) {
                thumbnailSetOrAdd(job, event.getThumbnails().getOutputId());
            }
        });
    }

    /** Media facts and the effective ladder; a probe failure fails the job, a plan's failure its output. */
    public static JobState apply(JobState current, Probed event) {
        return fold(current, event.getJobId(), event.getProbedAt(), job -> {
            if (job.getSource() == null) {
                job.setSource(event.getSource());
            }
            job.setMedia(event.getMedia());
            if (event.getFailure() != null) {
                job.setFailure(event.getFailure());
                job.getOutputs().forEach(output -> fail(output, event.getFailure()));
                return;
            }
            for (OutputPlan plan : event.getPlan()) {
                OutputState output = outputOrAdd(job, plan.getOutputId(), plan.getFormat());
                if (!JobStatuses.isFinal(output.getStatus())) {
                    output.setRenditions(plan.getRenditions());
                    planned(output, plan.getFailure());
                }
            }
            if (event.getThumbnails() != null) {
                planned(thumbnailSetOrAdd(job, event.getThumbnails().getOutputId()), event.getThumbnails().getFailure());
            }
        });
    }

    /**
     * One staged file of an output. Events of an older attempt than the newest seen are stale and ignored; a newer
     * attempt starts the output's counters over. Files arrive in {@code sequence} order, so {@code filesStaged}
     * doubles as the next expected sequence and a file seen before is recognised. The last file moves the output to
     * UPLOADING, whose percent (bytes delivered) starts at 0.
     */
    public static JobState apply(JobState current, SegmentEncoded event) {
        if (current == null) {
            return null;
        }
        return fold(current, event.getJobId(), event.getEncodedAt(), job -> openOutput(job, event.getOutputId())
                .filter(output -> event.getAttempt() >= output.getAttempt())
                .ifPresent(output -> {
                    if (event.getAttempt() > output.getAttempt()) {
                        OutputFold.startAttempt(output, event.getAttempt());
                    }
                    if (event.getFailure() != null) {
                        fail(output, event.getFailure());
                    } else if (event.getSequence() >= output.getFilesStaged()) {
                        OutputFold.stage(job, output, event);
                    }
                }));
    }

    /**
     * An output delivered (READY) or not (FAILED), or a progress report of its delivery ({@code complete} false);
     * reports of a stale attempt are ignored.
     */
    public static JobState apply(JobState current, Uploaded event) {
        if (current == null) {
            return null;
        }
        return fold(current, event.getJobId(), event.getUploadedAt(), job -> openOutput(job, event.getOutputId())
                .filter(output -> event.getAttempt() >= output.getAttempt())
                .ifPresent(output -> {
                    if (!event.getComplete()) {
                        OutputFold.delivering(output, event);
                        return;
                    }
                    output.setAttempt(event.getAttempt());
                    if (event.getFailure() != null) {
                        fail(output, event.getFailure());
                        return;
                    }
                    output.setStatus(OutputStatus.READY);
                    output.setPercent(100.0);
                    output.setPlaylistUrl(event.getPlaylistUrl());
                    output.setManifestUrl(event.getManifestUrl());
                    output.setBytes(event.getBytes());
                    output.setObjectCount(event.getObjectCount());
                    if (output.getThumbnails() != null) {
                        output.setThumbnails(event.getThumbnails());
                    }
                    output.setBytesDelivered(Math.max(output.getBytesDelivered(), event.getBytes()));
                    output.setFilesDelivered(Math.max(output.getFilesDelivered(), event.getObjectCount()));
                    if (event.getUsage() != null) {
                        output.setUsage(event.getUsage());
                    }
                }));
    }

    /**
     * Stops the whole job or one output, recording the revoke where it took effect. A whole-job revoke ends the
     * job as REVOKED and revokes every output not final yet; an output revoke stops that output while the others
     * go on. A revoke of a job or output that is already final changes nothing.
     */
    public static JobState apply(JobState current, Revoked event) {
        if (current == null) {
            return null;
        }
        Failure stop = new Failure(FailureReason.REVOKED,
                event.getReason() == null || event.getReason().isBlank() ? "Revoked" : event.getReason());
        RevokeState request = RevokeFold.requested(event.getRevokedAt(), event.getReason());
        return fold(current, event.getJobId(), event.getRevokedAt(), job -> {
            if (event.getOutputId() == null) {
                job.setFailure(stop);
                job.setRevoke(request);
                job.getOutputs().forEach(output -> revoke(output, stop));
            } else {
                openOutput(job, event.getOutputId()).ifPresent(output -> {
                    revoke(output, stop);
                    output.setRevoke(request);
                });
            }
        });
    }

    /**
     * What a service stopped and cleaned for a revoke. Like a webhook try it also changes a final job, since a
     * whole-job revoke ends the job before the services answer (see {@link RevokeFold#acknowledge}).
     */
    public static JobState apply(JobState current, RevokeAcknowledged event) {
        return current == null ? null : RevokeFold.acknowledge(current, event);
    }

    /**
     * Records one webhook try. Unlike pipeline events it also changes a final job (notifications are sent once the
     * job or output is final); it bumps the version, so waiting clients see it, but not the job's updatedAt. A try
     * reported twice is recorded once; only the most recent {@value #KEPT_WEBHOOK_ATTEMPTS} tries are kept.
     */
    public static JobState apply(JobState current, WebhookAttempted event) {
        if (current == null || current.getWebhookAttempts().stream().anyMatch(seen ->
                seen.getDeliveryId().equals(event.getDeliveryId()) && seen.getAttempt() == event.getAttempt())) {
            return current;
        }
        JobState next = JobState.newBuilder(current).build();
        List<WebhookAttempted> attempts = new ArrayList<>(next.getWebhookAttempts());
        attempts.add(event);
        next.setWebhookAttempts(new ArrayList<>(
                attempts.subList(Math.max(0, attempts.size() - KEPT_WEBHOOK_ATTEMPTS), attempts.size())));
        next.setVersion(current.getVersion() + 1);
        return next;
    }

    /**
     * Applies {@code change} to a private copy of the state, then stamps what changed with the event's time. The
     * copy is mutated only here, before anyone else can see it, so the fold as a whole stays pure.
     */
    static JobState fold(JobState current, String jobId, Instant at, Consumer<JobState> change) {
        if (current != null && JobStatuses.isFinal(current.getStatus())) {
            return current;
        }
        JobState next = current == null ? blank(jobId, at) : JobState.newBuilder(current).build();
        change.accept(next);
        JobStatuses.derive(next);
        if (next.equals(current)) {
            return current;
        }
        for (OutputState output : next.getOutputs()) {
            boolean changed = current == null || current.getOutputs().stream().noneMatch(output::equals);
            if (changed) {
                output.setUpdatedAt(at);
            }
        }
        Transitions.record(current, next, at);
        next.setVersion(current == null ? 1 : current.getVersion() + 1);
        next.setUpdatedAt(current == null || at.isAfter(current.getUpdatedAt()) ? at : current.getUpdatedAt());
        return next;
    }

    private static JobState blank(String jobId, Instant at) {
        return JobState.newBuilder()
                .setJobId(jobId)
                .setStatus(JobStatus.QUEUED)
                .setOutputs(new ArrayList<>())
                .setCreatedAt(at)
                .setUpdatedAt(at)
                .build();
    }

    private static OutputState outputOrAdd(JobState job, String outputId, OutputFormat format) {
        return output(job, outputId).orElseGet(() -> {
            OutputState added = OutputState.newBuilder()
                    .setOutputId(outputId)
                    .setFormat(format)
                    .setStatus(OutputStatus.QUEUED)
                    .setRenditions(new ArrayList<>())
                    .build();
            job.getOutputs().add(added);
            return added;
        });
    }

    /**
     * A thumbnail set is tracked like an output. Its {@code format} carries no meaning; a non-null {@code thumbnails}
     * list, empty until the set is delivered, is what marks it.
     */
    private static OutputState thumbnailSetOrAdd(JobState job, String outputId) {
        OutputState set = outputOrAdd(job, outputId, OutputFormat.HLS_FMP4);
        if (set.getThumbnails() == null) {
            set.setThumbnails(new ArrayList<>());
        }
        return set;
    }

    /** Probe has planned an output that is not final yet: it fails with the plan's failure, or starts encoding. */
    private static void planned(OutputState output, Failure failure) {
        if (failure != null) {
            fail(output, failure);
        } else if (output.getStatus() == OutputStatus.QUEUED) {
            output.setStatus(OutputStatus.ENCODING);
            output.setPercent(0.0);
        }
    }

    static Optional<OutputState> output(JobState job, String outputId) {
        return job.getOutputs().stream().filter(output -> output.getOutputId().equals(outputId)).findFirst();
    }

    private static Optional<OutputState> openOutput(JobState job, String outputId) {
        return output(job, outputId).filter(output -> !JobStatuses.isFinal(output.getStatus()));
    }

    private static void revoke(OutputState output, Failure stop) {
        if (!JobStatuses.isFinal(output.getStatus())) {
            output.setStatus(OutputStatus.REVOKED);
            output.setFailure(stop);
        }
    }

    static void fail(OutputState output, Failure failure) {
        if (!JobStatuses.isFinal(output.getStatus())) {
            output.setStatus(OutputStatus.FAILED);
            output.setFailure(failure);
        }
    }
}
