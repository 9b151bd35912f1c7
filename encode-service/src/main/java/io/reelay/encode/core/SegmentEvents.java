package io.reelay.encode.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.FileKind;
import io.reelay.events.ObjectLocation;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.Usage;

import java.time.Instant;

/** Builds the segment-encoded events of an output attempt. */
public final class SegmentEvents {

    private SegmentEvents() {
    }

    /** A staged file that is not the output's last. */
    public static SegmentEncoded staged(OutputAttempt attempt, int sequence, StagingStep step, ObjectLocation staged,
                                        long sizeBytes, double encodedSeconds, Instant at) {
        return builder(attempt, sequence, at)
                .setKind(step.kind())
                .setRendition(step.rendition())
                .setPath(step.path())
                .setStaged(staged)
                .setSizeBytes(sizeBytes)
                .setMediaStartSeconds(step.mediaStartSeconds())
                .setMediaDurationSeconds(step.mediaDurationSeconds())
                .setEncodedSeconds(encodedSeconds)
                .build();
    }

    /** The output's last staged file, with the totals of the attempt. */
    public static SegmentEncoded last(OutputAttempt attempt, int sequence, StagingStep step, ObjectLocation staged,
                                      long sizeBytes, double encodedSeconds, int fileCount, Usage usage, Instant at) {
        SegmentEncoded event = staged(attempt, sequence, step, staged, sizeBytes, encodedSeconds, at);
        event.setLast(true);
        event.setFileCount(fileCount);
        event.setUsage(usage);
        return event;
    }

    /** The attempt failed: the single event that ends it. */
    public static SegmentEncoded failed(OutputAttempt attempt, int sequence, FailureReason reason, String message,
                                        Instant at) {
        return builder(attempt, sequence, at)
                .setKind(FileKind.NONE)
                .setPath("")
                .setLast(true)
                .setFailure(new Failure(reason, message))
                .build();
    }

    private static SegmentEncoded.Builder builder(OutputAttempt attempt, int sequence, Instant at) {
        return SegmentEncoded.newBuilder()
                .setJobId(attempt.jobId())
                .setOutputId(attempt.outputId())
                .setAttempt(attempt.attempt())
                .setSequence(sequence)
                .setDestination(attempt.destination())
                .setDurationSeconds(attempt.durationSeconds())
                .setEncodedAt(at);
    }
}
