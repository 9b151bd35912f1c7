package io.reelay.encode.staging;

import java.time.Duration;
import java.util.List;

/**
 * The work a revoke named, its ffmpeg already killed, while the attempts clean up on their own threads.
 */
public final class StoppingWork {

    // A killed attempt's thread notices the kill at its next check, at worst after the object-store calls of one
    // staging round, and then deletes what it staged; each call is sent again while the store does not answer (the
    // store retries, about 45 s), and one call the store left hanging costs the client's 30 s read timeout first.
    private static final Duration CLEAN_UP_WAIT = Duration.ofMinutes(3);

    private final List<RunningAttempt> attempts;
    private final int stoppedProcesses;

    StoppingWork(List<RunningAttempt> attempts, int stoppedProcesses) {
        this.attempts = List.copyOf(attempts);
        this.stoppedProcesses = stoppedProcesses;
    }

    /** Waits until every stopped attempt has cleaned up, so that what it deleted can be counted. */
    public StoppedWork awaitCleanedUp() throws InterruptedException {
        int deletedFiles = 0;
        int deletedObjects = 0;
        for (RunningAttempt work : attempts) {
            RunningAttempt.Cleanup cleanup = work.awaitCleanedUp(CLEAN_UP_WAIT);
            deletedFiles += cleanup.deletedFiles();
            deletedObjects += cleanup.deletedObjects();
        }
        int attempt = attempts.stream().mapToInt(work -> work.attempt().attempt()).max().orElse(0);
        return new StoppedWork(stoppedProcesses, deletedFiles, deletedObjects, attempt);
    }
}
