package io.reelay.upload;

import jakarta.inject.Singleton;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the work on one job between the thread that delivers its files and the thread that carries out its
 * revoke, so that a revoke never cleans up while a file of the job is being copied, and no copy lands after it.
 * Jobs share a fixed set of locks by hash; unrelated jobs rarely wait on each other.
 */
@Singleton
class JobLocks {

    private static final int STRIPES = 64;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    JobLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    void run(String jobId, Runnable work) {
        ReentrantLock lock = stripes[Math.floorMod(jobId.hashCode(), STRIPES)];
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
