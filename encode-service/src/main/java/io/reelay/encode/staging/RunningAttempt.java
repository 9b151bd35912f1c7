package io.reelay.encode.staging;

import io.reelay.encode.core.AttemptOutcome;
import io.reelay.encode.core.OutputAttempt;
import io.reelay.encode.core.UsageMeter;
import io.reelay.encode.process.FfmpegProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One output attempt underway, registered in {@link RunningEncodes} from before its ffmpeg starts until it is
 * cleaned up: runs ffmpeg under a {@link UsageMeter}, and can be killed at any moment by a revoke or a stop.
 * Closing it deletes the scratch dir, and the attempt's staged files when it was revoked.
 */
public final class RunningAttempt implements AutoCloseable {

    /** What cleaning up after the attempt deleted. */
    record Cleanup(int deletedFiles, int deletedObjects) {
    }

    /** Called while ffmpeg runs, between samples. */
    interface Tick {
        void on(FfmpegProcess ffmpeg) throws IOException;
    }

    /** Reads the outcome once ffmpeg has ended (its exit code, progress, stderr). */
    interface Outcome<T> {
        T of(FfmpegProcess ffmpeg) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RunningAttempt.class);

    private final OutputAttempt attempt;
    private final Path scratchDir;
    private final RunningEncodes owner;
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private FfmpegProcess ffmpeg;
    private boolean revoked;
    private volatile Cleanup cleanup;

    RunningAttempt(OutputAttempt attempt, Path scratchDir, RunningEncodes owner) {
        this.attempt = attempt;
        this.scratchDir = scratchDir;
        this.owner = owner;
    }

    public OutputAttempt attempt() {
        return attempt;
    }

    public Path scratchDir() {
        return scratchDir;
    }

    /** True once a revoke named this attempt's output or job. */
    public synchronized boolean revoked() {
        return revoked;
    }

    /** True when a failure now is the consequence of a kill: the attempt was revoked or the service is stopping. */
    public boolean stopped() {
        return revoked() || owner.stopping();
    }

    /**
     * The outcome of an attempt that was stopped: revoked, or else the service is stopping.
     *
     * @throws EncodeStoppedException when the service is stopping: the attempt stays open for redelivery
     */
    AttemptOutcome stoppedOutcome() {
        if (revoked()) {
            return AttemptOutcome.REVOKED;
        }
        throw new EncodeStoppedException();
    }

    /**
     * Runs the command to its end, sampling its usage every {@code interval}.
     *
     * @throws EncodeRevokedException when a revoke killed it, or came before it started
     * @throws EncodeStoppedException when the service stopped it, or was stopping before it started
     */
    <T> T run(List<String> command, UsageMeter meter, Duration interval, Tick tick, Outcome<T> outcome)
            throws IOException, InterruptedException {
        try (FfmpegProcess process = start(command, meter)) {
            try {
                while (!process.waitFor(interval)) {
                    meter.sample();
                    tick.on(process);
                }
            } finally {
                detach();
            }
            meter.stop();
            throwIfStopped();
            return outcome.of(process);
        }
    }

    /** Marks the attempt revoked and kills its ffmpeg; 1 when a running process was killed, else 0. */
    synchronized int revoke() {
        revoked = true;
        return kill();
    }

    /** Kills the attempt's ffmpeg if one runs; 1 when a running process was killed, else 0. */
    synchronized int kill() {
        if (ffmpeg != null && ffmpeg.isAlive()) {
            ffmpeg.kill();
            return 1;
        }
        return 0;
    }

    boolean belongsTo(String jobId, String outputId) {
        return attempt.jobId().equals(jobId) && (outputId == null || attempt.outputId().equals(outputId));
    }

    /** Waits until the attempt is closed; what it deleted, nothing if it did not close in time. */
    Cleanup awaitCleanedUp(Duration wait) throws InterruptedException {
        if (!cleanedUp.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("stopped attempt {} did not clean up within {}", attempt.attempt(), wait);
            return new Cleanup(0, 0);
        }
        return cleanup;
    }

    /** Cleans up after the attempt and ends its registration. */
    @Override
    public void close() {
        cleanup = owner.cleanUp(this);
        owner.finished(this);
        cleanedUp.countDown();
    }

    private synchronized FfmpegProcess start(List<String> command, UsageMeter meter) throws IOException {
        // under the lock: a revoke or stop either comes first and is seen here, or comes after and kills the process
        throwIfStopped();
        FfmpegProcess started = FfmpegProcess.start(command, progress -> {
            if (progress.ended()) {
                // the last moment the process's counters are certainly still there
                meter.sample();
            }
        });
        meter.start(started.pid());
        ffmpeg = started;
        LOG.info("ffmpeg started pid={} attempt={}", started.pid(), attempt.attempt());
        return started;
    }

    private synchronized void detach() {
        ffmpeg = null;
    }

    private void throwIfStopped() {
        if (revoked()) {
            throw new EncodeRevokedException();
        }
        owner.throwIfStopping();
    }
}
