package io.reelay.encode.staging;

import io.reelay.encode.core.OutputAttempt;
import io.reelay.revoke.Revocations;
import io.reelay.storage.StagingLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every output attempt this instance is working on, with its ffmpeg and scratch dir. A revoke stops the attempts
 * it names (kills ffmpeg, has the scratch files and what they staged deleted) and reports what that took; stopping
 * the service kills them all and leaves their work open for redelivery. One instance is shared by the output and
 * thumbnail encoders.
 */
public final class RunningEncodes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningEncodes.class);

    private final ScratchDirs scratchDirs;
    private final ObjectStore store;
    private final StagingLayout layout;
    private final Revocations revocations;
    private final Set<RunningAttempt> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** @param store where attempts stage their files, laid out by {@code layout} */
    public RunningEncodes(ScratchDirs scratchDirs, ObjectStore store, StagingLayout layout, Revocations revocations) {
        this.scratchDirs = scratchDirs;
        this.store = store;
        this.layout = layout;
        this.revocations = revocations;
    }

    /**
     * Registers an attempt about to start, after deleting what earlier attempts of its output left in the scratch
     * dir (an instance that died on this machine); closing the returned attempt cleans up after it.
     */
    public RunningAttempt begin(OutputAttempt attempt) {
        scratchDirs.deleteEarlierAttempts(attempt);
        RunningAttempt work = new RunningAttempt(attempt, scratchDirs.of(attempt), this);
        running.add(work);
        // registered first, then checked: a revoke read from now on finds the attempt, one read before is in the table
        if (revocations.isRevoked(attempt.jobId(), attempt.outputId())) {
            work.revoke();
        }
        return work;
    }

    /**
     * Stops every attempt of the job (outputId null) or of one output of it: kills their ffmpeg at once; each then
     * cleans up on its own thread, which the returned work can wait for.
     */
    public StoppingWork stop(String jobId, String outputId) {
        List<RunningAttempt> named = running.stream().filter(work -> work.belongsTo(jobId, outputId)).toList();
        int killed = named.stream().mapToInt(RunningAttempt::revoke).sum();
        synchronized (this) {
            // retries waiting out their backoff check the revocations again
            notifyAll();
        }
        return new StoppingWork(named, killed);
    }

    /**
     * Waits out the backoff before another attempt of the output.
     *
     * @return false when the output was revoked meanwhile
     * @throws EncodeStoppedException when the service began to stop meanwhile
     */
    public synchronized boolean awaitRetry(String jobId, String outputId, Duration backoff)
            throws InterruptedException {
        long end = System.nanoTime() + backoff.toNanos();
        while (true) {
            throwIfStopping();
            if (revocations.isRevoked(jobId, outputId)) {
                return false;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** True when the whole job or this output of it was revoked. */
    public boolean revoked(String jobId, String outputId) {
        return revocations.isRevoked(jobId, outputId);
    }

    /** True once the service is stopping: whatever fails now failed because its ffmpeg was killed. */
    public boolean stopping() {
        return stopping;
    }

    /** @throws EncodeStoppedException once the service is stopping */
    public void throwIfStopping() {
        if (stopping) {
            throw new EncodeStoppedException();
        }
    }

    /** Kills every running ffmpeg, so that stopping the service leaves no orphan encode behind. */
    @Override
    public void close() {
        stopping = true;
        running.forEach(RunningAttempt::kill);
        synchronized (this) {
            notifyAll();
        }
    }

    /**
     * Deletes the attempt's scratch dir, and when it was revoked what it staged: upload drops a revoked output's
     * staged files too, but one staged while upload cleaned up would otherwise stay forever. Never fails: a
     * leftover only costs space.
     */
    RunningAttempt.Cleanup cleanUp(RunningAttempt work) {
        int deletedFiles = scratchDirs.delete(work.scratchDir());
        if (!work.revoked()) {
            return new RunningAttempt.Cleanup(deletedFiles, 0);
        }
        OutputAttempt attempt = work.attempt();
        try {
            List<String> staged = store.keysUnder(
                    layout.outputPrefix(attempt.jobId(), attempt.outputId(), attempt.attempt()) + "/");
            store.delete(staged);
            return new RunningAttempt.Cleanup(deletedFiles, staged.size());
        } catch (IOException | RuntimeException failed) {
            LOG.warn("could not delete the staged files of revoked attempt {}: {}", attempt.attempt(),
                    failed.toString());
            return new RunningAttempt.Cleanup(deletedFiles, 0);
        }
    }

    void finished(RunningAttempt work) {
        running.remove(work);
    }
}
