package io.reelay.ingest.core;

import io.reelay.events.JobRequested;
import io.reelay.events.Revoked;

import java.time.Instant;
import java.util.Set;

/**
 * Whether a job or output may be revoked, from what the state service says about it. Only work that has not ended
 * is revoked: a refused revoke answers with the reason instead of publishing an event that would change nothing.
 */
public final class RevokeDecision {

    private static final Set<String> FINAL_JOB = Set.of("COMPLETE", "FAILED", "REVOKED");
    private static final Set<String> ENDED_OUTPUT = Set.of("FAILED", "REVOKED");
    private static final String DELIVERED_OUTPUT = "READY";

    private RevokeDecision() {
    }

    public static RevokeResult forJob(JobLookup job) {
        return switch (job.answer()) {
            case NOT_FOUND -> RevokeResult.NOT_FOUND;
            case FORBIDDEN -> RevokeResult.FORBIDDEN;
            case UNAVAILABLE -> RevokeResult.UNAVAILABLE;
            case FOUND -> FINAL_JOB.contains(job.status()) ? RevokeResult.ALREADY_FINAL : RevokeResult.REVOKE_REQUESTED;
        };
    }

    public static RevokeResult forOutput(JobLookup job, String outputId) {
        if (job.answer() != JobLookup.Answer.FOUND) {
            return forJob(job);
        }
        String status = job.outputStatuses().get(outputId);
        if (status == null) {
            return RevokeResult.NOT_FOUND;
        } else if (DELIVERED_OUTPUT.equals(status)) {
            return RevokeResult.ALREADY_DELIVERED;
        } else if (ENDED_OUTPUT.contains(status)) {
            return RevokeResult.ALREADY_FINAL;
        }
        return forJob(job);
    }

    /**
     * A job the state service does not know yet, decided from its request as published: the requesting tenant's
     * own job, or output of it, is revoked.
     */
    public static RevokeResult forRequested(JobRequested request, String tenant, String outputId) {
        if (!request.getTenant().equals(tenant)) {
            return RevokeResult.FORBIDDEN;
        }
        boolean named = outputId == null
                || request.getOutputs().stream().anyMatch(output -> output.getOutputId().equals(outputId))
                || (request.getThumbnails() != null && request.getThumbnails().getOutputId().equals(outputId));
        return named ? RevokeResult.REVOKE_REQUESTED : RevokeResult.NOT_FOUND;
    }

    /** The event a granted revoke publishes; a null {@code outputId} revokes the whole job. */
    public static Revoked revoked(String jobId, String outputId, String tenant, String reason, Instant at) {
        return Revoked.newBuilder()
                .setJobId(jobId)
                .setOutputId(outputId)
                .setTenant(tenant)
                .setReason(reason)
                .setRevokedAt(at)
                .build();
    }
}
