package io.reelay.probe.core;

import java.util.List;

/**
 * Tells a failure that may go away on its own (the object store briefly down or overloaded, a network stall,
 * ffprobe killed by a signal or running out of time) from one that will not (no such object, access denied, an
 * empty file, bytes that are not media). Only the first kind is worth another try.
 */
public final class TransientFailures {

    /** What ffprobe prints when the object store could not be reached or answered with a server error. */
    private static final List<String> NETWORK_ERRORS = List.of("Connection refused", "Connection reset",
            "Connection timed out", "Operation timed out", "Network is unreachable", "Server returned 5");

    // A process killed by a signal exits, as Java reports it, with 128 plus the signal number.
    private static final int SIGNAL_EXIT_BASE = 128;

    private TransientFailures() {
    }

    public static boolean isTransient(ProbeOutcome outcome) {
        if (outcome instanceof ProbeOutcome.ProbeError error) {
            return error.transientFailure();
        }
        // a missing, forbidden or empty source stays so
        return outcome instanceof ProbeOutcome.FfprobeFinished finished && isTransient(finished.result());
    }

    static boolean isTransient(ProcessResult result) {
        if (result.succeeded()) {
            return false;
        }
        return result.timedOut() || result.exitCode() > SIGNAL_EXIT_BASE
                || NETWORK_ERRORS.stream().anyMatch(result.stderr()::contains);
    }
}
