package io.reelay.state.core;

import io.reelay.events.JobState;
import io.reelay.events.OutputState;
import org.apache.avro.specific.SpecificRecord;

import static io.reelay.state.JobEvents.probed;
import static io.reelay.state.JobEvents.requested;

/** Folding shorthands for tests of a job "j1". */
final class Folding {

    static final String HOOK = "http://127.0.0.1:7000/hooks";

    private Folding() {
    }

    static JobState fold(JobState state, SpecificRecord... events) {
        for (SpecificRecord event : events) {
            state = JobStateFolder.apply(state, event);
        }
        return state;
    }

    /** Job j1, requested and probed: every output ENCODING. */
    static JobState encoding(String... outputIds) {
        return fold(null, requested("j1", HOOK, outputIds), probed("j1", 1, outputIds));
    }

    static OutputState output(JobState job, String outputId) {
        return job.getOutputs().stream()
                .filter(output -> output.getOutputId().equals(outputId))
                .findFirst()
                .orElseThrow();
    }
}
