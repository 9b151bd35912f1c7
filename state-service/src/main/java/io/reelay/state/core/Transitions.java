package io.reelay.state.core;

import io.reelay.events.JobState;
import io.reelay.events.OutputState;
import io.reelay.events.Transition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records when the job and each output entered a status, so clients can tell how long every phase took. */
final class Transitions {

    private Transitions() {
    }

    /** Appends a transition to {@code next} (a private copy) for the job and every output whose status changed. */
    static void record(JobState current, JobState next, Instant at) {
        if (current == null || current.getStatus() != next.getStatus()) {
            next.setTransitions(appended(next.getTransitions(), next.getStatus().name(), at));
        }
        for (OutputState output : next.getOutputs()) {
            OutputState before = current == null ? null : current.getOutputs().stream()
                    .filter(candidate -> candidate.getOutputId().equals(output.getOutputId()))
                    .findFirst()
                    .orElse(null);
            if (before == null || before.getStatus() != output.getStatus()) {
                output.setTransitions(appended(output.getTransitions(), output.getStatus().name(), at));
            }
        }
    }

    private static List<Transition> appended(List<Transition> transitions, String status, Instant at) {
        List<Transition> appended = new ArrayList<>(transitions);
        appended.add(new Transition(status, at));
        return appended;
    }
}
