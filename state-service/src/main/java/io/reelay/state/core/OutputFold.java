package io.reelay.state.core;

import io.reelay.events.JobState;
import io.reelay.events.OutputState;
import io.reelay.events.OutputStatus;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.Uploaded;

/**
 * How encoding and delivery move one output's counters and percent. The percent always describes the current
 * phase: media time encoded over the source's duration while ENCODING, bytes delivered over bytes staged while
 * UPLOADING. Upload delivers files while encode still runs, so delivered counters may grow during ENCODING too;
 * they only ever grow, so a late or repeated progress report changes nothing.
 */
final class OutputFold {

    private OutputFold() {
    }

    /** A newer encode attempt: everything counted for the older one starts over. */
    static void startAttempt(OutputState output, int attempt) {
        output.setAttempt(attempt);
        output.setStatus(OutputStatus.ENCODING);
        output.setPercent(0.0);
        output.setFilesStaged(0);
        output.setBytesStaged(0L);
        output.setEncodedSeconds(0.0);
        output.setBytesDelivered(0L);
        output.setFilesDelivered(0);
        output.setUsage(null);
    }

    /** One more staged file; the last one ends encoding and the percent switches to the delivered share. */
    static void stage(JobState job, OutputState output, SegmentEncoded event) {
        output.setFilesStaged(event.getSequence() + 1);
        output.setBytesStaged(output.getBytesStaged() + event.getSizeBytes());
        double encoded = Math.max(output.getEncodedSeconds(), Math.max(event.getEncodedSeconds(),
                event.getMediaStartSeconds() + event.getMediaDurationSeconds()));
        output.setEncodedSeconds(encoded);
        if (event.getLast()) {
            output.setStatus(OutputStatus.UPLOADING);
            output.setFilesStaged(Math.max(output.getFilesStaged(), event.getFileCount()));
            output.setUsage(event.getUsage());
            output.setPercent(deliveredPercent(output));
            return;
        }
        output.setStatus(OutputStatus.ENCODING);
        double duration = event.getDurationSeconds() > 0 || job.getMedia() == null
                ? event.getDurationSeconds()
                : job.getMedia().getDurationSeconds();
        if (duration > 0) {
            output.setPercent(Math.min(100.0, Math.max(0.0, encoded / duration * 100.0)));
        }
    }

    /** A progress report of the delivery (an {@link Uploaded} that is not {@code complete}). */
    static void delivering(OutputState output, Uploaded progress) {
        if (progress.getAttempt() > output.getAttempt()) {
            startAttempt(output, progress.getAttempt());
        }
        output.setBytesDelivered(Math.max(output.getBytesDelivered(), progress.getBytesDelivered()));
        output.setFilesDelivered(Math.max(output.getFilesDelivered(), progress.getFilesDelivered()));
        if (output.getStatus() == OutputStatus.UPLOADING) {
            output.setPercent(Math.max(output.getPercent(), deliveredPercent(output)));
        }
    }

    /**
     * Bytes delivered over bytes staged, kept below 100 until upload announces the output: playlists are delivered
     * last, and a player must not be told the output is there before they are.
     */
    private static double deliveredPercent(OutputState output) {
        if (output.getBytesStaged() <= 0) {
            return 0.0;
        }
        return Math.min(99.0, 100.0 * output.getBytesDelivered() / output.getBytesStaged());
    }
}
