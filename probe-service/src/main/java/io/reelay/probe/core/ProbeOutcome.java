package io.reelay.probe.core;

/** What happened when the service looked at a job's source; {@link ProbeDecision} turns it into a Probed event. */
public sealed interface ProbeOutcome {

    /** The object store has no such object (or no such bucket). */
    record SourceMissing() implements ProbeOutcome {
    }

    /** The object store refused access to the object. */
    record SourceForbidden() implements ProbeOutcome {
    }

    /** The object exists and holds zero bytes. */
    record SourceEmpty() implements ProbeOutcome {
    }

    /**
     * Probing could not be carried out: the object store or ffprobe itself failed.
     *
     * @param transientFailure true when trying again later may succeed (object store down, overloaded or slow)
     */
    record ProbeError(String message, boolean transientFailure) implements ProbeOutcome {
    }

    /**
     * ffprobe ran against the source.
     *
     * @param sourceUrl the URL ffprobe read, kept so that its credentials can be cut out of error messages
     */
    record FfprobeFinished(ProcessResult result, String sourceUrl) implements ProbeOutcome {
    }
}
