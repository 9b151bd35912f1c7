package io.reelay.revoke;

import io.reelay.events.Revoked;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Every revoke this instance has read, as a table: whole jobs, and single outputs of a job. Work is checked
 * against it before it starts, and running work subscribes to hear of a revoke the moment it is read.
 */
public final class Revocations {

    private final Set<String> jobs = ConcurrentHashMap.newKeySet();
    private final Set<OutputKey> outputs = ConcurrentHashMap.newKeySet();
    private final List<Consumer<Revoked>> subscribers = new CopyOnWriteArrayList<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);

    /** Records a revoke and tells every subscriber. */
    public void record(Revoked revoke) {
        String jobId = revoke.getJobId();
        if (revoke.getOutputId() == null) {
            jobs.add(jobId);
        } else {
            outputs.add(new OutputKey(jobId, revoke.getOutputId()));
        }
        subscribers.forEach(subscriber -> subscriber.accept(revoke));
    }

    /** True when the whole job was revoked. */
    public boolean isRevoked(String jobId) {
        return jobs.contains(jobId);
    }

    /** True when the whole job or this output of it was revoked. */
    public boolean isRevoked(String jobId, String outputId) {
        return jobs.contains(jobId) || outputs.contains(new OutputKey(jobId, outputId));
    }

    /** Calls {@code subscriber} for every revoke read from now on, on the thread that reads them. */
    public void subscribe(Consumer<Revoked> subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(Consumer<Revoked> subscriber) {
        subscribers.remove(subscriber);
    }

    /** Marks the table complete up to the end of the topic as it was when reading started. */
    public void markCaughtUp() {
        caughtUp.countDown();
    }

    /** True once every revoke published before this instance started has been read: a revoke read now is new. */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /**
     * Waits until every revoke published before this instance started has been read, so that a restarted
     * instance does not pick up work that was revoked while it was down.
     *
     * @return false when the wait timed out
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private record OutputKey(String jobId, String outputId) {
    }
}
