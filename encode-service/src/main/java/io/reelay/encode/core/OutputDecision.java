package io.reelay.encode.core;

/**
 * Whether an output of a probed job still needs an encode when its turn comes. The probed record of a job is
 * consumed again after an instance stopped or died mid-job, so outputs an earlier attempt finished are skipped
 * rather than encoded twice; a revoke may arrive at any time before, so it is checked at each output's turn.
 */
public enum OutputDecision {
    ENCODE,
    /** Probe planned it as failed: state learns that from the probed event itself. */
    PLANNED_TO_FAIL,
    /** An earlier attempt published its last event. */
    FINISHED_EARLIER,
    /** The output or its whole job was revoked. */
    REVOKED;

    public static OutputDecision of(boolean plannedToFail, OutputHistory history, boolean revoked) {
        if (plannedToFail) {
            return PLANNED_TO_FAIL;
        }
        if (revoked) {
            return REVOKED;
        }
        return history.finished() ? FINISHED_EARLIER : ENCODE;
    }
}
