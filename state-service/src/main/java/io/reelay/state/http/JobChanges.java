package io.reelay.state.http;

import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells requests waiting on this instance that a job it owns changed. The topology calls {@link #changed} after
 * storing a change; a waiter registers before it reads the store, so no change can slip between its read and its
 * wait. Waiters remove themselves when done, so the map only holds jobs someone is waiting on right now.
 */
@Singleton
public class JobChanges {

    private final Map<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();

    public void changed(String jobId) {
        waiters.computeIfPresent(jobId, (id, waiting) -> {
            waiting.forEach(waiter -> waiter.complete(null));
            return null;
        });
    }

    /** A future completed at the next change of {@code jobId}; pass it to {@link #forget} when done waiting. */
    CompletableFuture<Void> watch(String jobId) {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        waiters.compute(jobId, (id, waiting) -> {
            Set<CompletableFuture<Void>> set = waiting == null ? new HashSet<>() : waiting;
            set.add(waiter);
            return set;
        });
        return waiter;
    }

    void forget(String jobId, CompletableFuture<Void> waiter) {
        waiters.computeIfPresent(jobId, (id, waiting) -> {
            waiting.remove(waiter);
            return waiting.isEmpty() ? null : waiting;
        });
    }
}
