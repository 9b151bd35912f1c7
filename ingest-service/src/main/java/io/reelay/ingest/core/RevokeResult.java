package io.reelay.ingest.core;

/** What became of the revoke of one job or output. */
public enum RevokeResult {
    /** Published on the revoked topic; the job's state shows the revoke and, later, the services' acknowledgements. */
    REVOKE_REQUESTED,
    /** No such job (or no such output of it). */
    NOT_FOUND,
    /** The job belongs to another tenant. */
    FORBIDDEN,
    /** The job, or the output, has already ended (complete, failed or revoked): there is nothing to stop. */
    ALREADY_FINAL,
    /** The output has already been delivered. */
    ALREADY_DELIVERED,
    /** The state service could not say whether the job may be revoked; nothing was published, try again. */
    UNAVAILABLE
}
