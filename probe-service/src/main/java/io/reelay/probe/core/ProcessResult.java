package io.reelay.probe.core;

import java.time.Duration;

/**
 * How an external process ended.
 *
 * @param timedOut true when the process was killed for running past its timeout; exitCode is then meaningless
 */
public record ProcessResult(int exitCode, String stdout, String stderr, boolean timedOut, Duration elapsed) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
