package io.reelay.encode.core;

/** What a failed attempt does when another attempt might succeed. */
public enum OnFailure {
    /** Publish nothing and report {@link AttemptOutcome#FAILED_RETRYABLE}: another attempt follows. */
    RETRY,
    /** Publish the failure: this was the output's last try. */
    FAIL_OUTPUT
}
