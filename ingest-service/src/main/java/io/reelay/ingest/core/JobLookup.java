package io.reelay.ingest.core;

import java.util.Map;

/**
 * What the state service answered about a job, as far as a revoke needs it.
 *
 * @param answer whether the job was found, and if not why
 * @param status the job's status when found (QUEUED … COMPLETE, FAILED, REVOKED)
 * @param outputStatuses status of each output by output id, when found
 */
public record JobLookup(Answer answer, String status, Map<String, String> outputStatuses) {

    /** How the state service answered. */
    public enum Answer { FOUND, NOT_FOUND, FORBIDDEN, UNAVAILABLE }

    public JobLookup {
        outputStatuses = outputStatuses == null ? Map.of() : Map.copyOf(outputStatuses);
    }

    public static JobLookup found(String status, Map<String, String> outputStatuses) {
        return new JobLookup(Answer.FOUND, status, outputStatuses);
    }

    /** A job the state service did not show: not found, another tenant's, or no answer. */
    public static JobLookup missing(Answer answer) {
        return new JobLookup(answer, null, Map.of());
    }
}
