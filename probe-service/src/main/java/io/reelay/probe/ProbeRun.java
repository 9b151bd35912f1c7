package io.reelay.probe;

import io.reelay.probe.core.ProcessRunner;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One job's probe while it runs, as a revoke sees it: the ffprobe process of the current try, if any, and whether
 * the job was revoked. A revoke kills the process and cuts short the wait before a retry.
 */
final class ProbeRun {

    private final String jobId;
    private final CountDownLatch revoked = new CountDownLatch(1);
    private Process process;

    ProbeRun(String jobId) {
        this.jobId = jobId;
    }

    String jobId() {
        return jobId;
    }

    /** Records the ffprobe process of the current try; one started after the revoke is killed at once. */
    void attach(Process started) {
        boolean killNow;
        synchronized (this) {
            process = started;
            killNow = isRevoked();
        }
        if (killNow) {
            killQuietly(started);
        }
    }

    /**
     * Marks the run revoked and kills its ffprobe if one is running.
     *
     * @return how many processes were stopped (0 or 1)
     */
    int revoke() {
        Process running;
        synchronized (this) {
            revoked.countDown();
            running = process;
        }
        if (running == null || !running.isAlive()) {
            return 0;
        }
        killQuietly(running);
        return 1;
    }

    boolean isRevoked() {
        return revoked.getCount() == 0;
    }

    /** Waits before the next try; returns early, with true, when the job is revoked meanwhile. */
    boolean awaitRevoke(Duration wait) throws InterruptedException {
        return revoked.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void killQuietly(Process process) {
        try {
            ProcessRunner.kill(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
