package io.reelay.state.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.events.Revoked;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Jobs that never end: a job still not final a set time after it was requested fails with JOB_TIMEOUT, and the
 * state service revokes it, so that whichever worker still holds it stops and cleans up.
 */
public final class JobTimeouts {

    /** Reason of the revoke a timeout issues. */
    public static final String REASON = FailureReason.JOB_TIMEOUT.name();

    private JobTimeouts() {
    }

    public static boolean isOverdue(JobState job, Instant now, Duration limit) {
        return !JobStatuses.isFinal(job.getStatus()) && job.getCreatedAt().plus(limit).isBefore(now);
    }

    /**
     * Fails the job and every output not final yet with JOB_TIMEOUT. Its revoke is recorded at once, since the
     * state service issues it itself ({@link #revokesFor}); when that revoke comes back the job is final, so only
     * the acknowledgements it brings are recorded.
     */
    public static JobState timeOut(JobState job, Instant at, Duration limit) {
        // Duration prints as PT24H: without its prefix it reads like the configuration value
        String within = limit.toString().substring(2).toLowerCase(Locale.ROOT);
        Failure timeout = new Failure(FailureReason.JOB_TIMEOUT, "The job was not final " + within
                + " after it was requested");
        return JobStateFolder.fold(job, job.getJobId(), at, next -> {
            next.setFailure(timeout);
            next.setRevoke(RevokeFold.requested(at, REASON));
            next.getOutputs().forEach(output -> JobStateFolder.fail(output, timeout));
        });
    }

    /** The revoke to publish for a change: one when the change is a job timing out, none otherwise. */
    public static List<Revoked> revokesFor(JobStateChange change) {
        JobState before = change.before();
        JobState after = change.after();
        boolean timedOut = before != null && after != null && !JobStatuses.isFinal(before.getStatus())
                && after.getStatus() == JobStatus.FAILED && after.getFailure() != null
                && after.getFailure().getReason() == FailureReason.JOB_TIMEOUT;
        if (!timedOut) {
            return List.of();
        }
        return List.of(Revoked.newBuilder()
                .setJobId(after.getJobId())
                .setTenant(after.getTenant())
                .setReason(REASON)
                .setRevokedAt(after.getRevoke().getRequestedAt())
                .build());
    }
}
