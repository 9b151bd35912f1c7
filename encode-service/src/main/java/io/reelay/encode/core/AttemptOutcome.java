package io.reelay.encode.core;

/** How one attempt of an output ended. */
public enum AttemptOutcome {
    /** The attempt published the output's last event: the finished output, or a failure no retry would change. */
    FINISHED,
    /** The attempt failed in a way another attempt might not; nothing ended the output on the wire. */
    FAILED_RETRYABLE,
    /** The output or its job was revoked: the attempt was stopped and publishes nothing more. */
    REVOKED
}
