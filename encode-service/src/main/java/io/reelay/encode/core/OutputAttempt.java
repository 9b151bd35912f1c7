package io.reelay.encode.core;

import io.reelay.events.ObjectLocation;

/**
 * Identity of one encode attempt of one output: what every event of the attempt carries.
 *
 * @param durationSeconds duration of the source, carried for progress
 */
public record OutputAttempt(String jobId, String outputId, int attempt, ObjectLocation destination,
                            double durationSeconds) {
}
