package io.reelay.encode.core;

/**
 * What earlier attempts of one output left on record: the highest attempt number ever claimed, and whether one of
 * them finished the output (published its last event).
 *
 * @param lastAttempt 0 when no attempt was ever claimed
 */
public record OutputHistory(int lastAttempt, boolean finished) {

    public static final OutputHistory NONE = new OutputHistory(0, false);

    /** The number of the next attempt: higher than any an earlier instance used, so its late events are stale. */
    public int nextAttempt() {
        return lastAttempt + 1;
    }

    public OutputHistory withAttempt(int attempt) {
        return new OutputHistory(Math.max(lastAttempt, attempt), finished);
    }

    public OutputHistory asFinished() {
        return new OutputHistory(lastAttempt, true);
    }
}
