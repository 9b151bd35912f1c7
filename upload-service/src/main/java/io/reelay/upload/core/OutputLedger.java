package io.reelay.upload.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this instance knows of the outputs it delivers: the newest attempt of each and how far its delivery got.
 * It fences stale attempts (events of an attempt older than the newest seen are ignored, and a newer attempt
 * starts clean) and tells a revoke which unfinished outputs have files in their destination.
 *
 * <p>It lives in memory only. An instance that takes over a job sees only the events after the last committed
 * offset, so the service seeds a forgotten output from the object store (see {@link #seed}) before observing it.
 */
public final class OutputLedger {

    /** How far the delivery of an output attempt got. */
    public enum Status { DELIVERING, ANNOUNCED, FAILED, REVOKED }

    /** What an event's attempt is, compared with the newest attempt of its output. */
    public enum Verdict {
        /** The newest attempt: deliver. */
        CURRENT,
        /** Newer than the attempt recorded until now, which it supersedes: deliver, and drop the older one. */
        SUPERSEDES,
        /** Older than the newest attempt: ignore. */
        STALE
    }

    /** One output, at its newest attempt. */
    public record Entry(String jobId, String outputId, int attempt, String destinationBucket,
                        String destinationPrefix, Status status) {

        Entry with(Status newStatus) {
            return new Entry(jobId, outputId, attempt, destinationBucket, destinationPrefix, newStatus);
        }
    }

    /**
     * @param superseded the attempt the event superseded, with {@link Verdict#SUPERSEDES}; 0 otherwise
     * @param newest     the output's newest attempt after the observation
     */
    public record Observation(Verdict verdict, int superseded, Entry newest) {
    }

    private record Key(String jobId, String outputId) {
    }

    private static final int REMEMBERED_OUTPUTS = 10_000;

    private final Map<Key, Entry> outputs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > REMEMBERED_OUTPUTS;
        }
    };

    /** True when the output is remembered; a forgotten one must be seeded before it is observed. */
    public synchronized boolean knows(String jobId, String outputId) {
        return outputs.containsKey(new Key(jobId, outputId));
    }

    /** Records the newest attempt found elsewhere (the staging area) for an output this instance forgot. */
    public synchronized void seed(String jobId, String outputId, int newestAttempt, String destinationBucket,
                                  String destinationPrefix) {
        outputs.putIfAbsent(new Key(jobId, outputId), new Entry(jobId, outputId, newestAttempt, destinationBucket,
                destinationPrefix, Status.DELIVERING));
    }

    /** Judges an event's attempt against the newest one of its output, and records it when it is newer. */
    public synchronized Observation observe(String jobId, String outputId, int attempt, String destinationBucket,
                                            String destinationPrefix) {
        Key key = new Key(jobId, outputId);
        Entry known = outputs.get(key);
        if (known == null) {
            Entry first = new Entry(jobId, outputId, attempt, destinationBucket, destinationPrefix, Status.DELIVERING);
            outputs.put(key, first);
            return new Observation(Verdict.CURRENT, 0, first);
        }
        if (attempt < known.attempt()) {
            return new Observation(Verdict.STALE, 0, known);
        }
        if (attempt > known.attempt()) {
            Entry newer = new Entry(jobId, outputId, attempt, destinationBucket, destinationPrefix, Status.DELIVERING);
            outputs.put(key, newer);
            return new Observation(Verdict.SUPERSEDES, known.attempt(), newer);
        }
        return new Observation(Verdict.CURRENT, 0, known);
    }

    /** Moves an attempt to {@code status}; ignored when the output has moved on to a newer attempt. */
    public synchronized void mark(String jobId, String outputId, int attempt, Status status) {
        outputs.computeIfPresent(new Key(jobId, outputId),
                (key, entry) -> entry.attempt() == attempt ? entry.with(status) : entry);
    }

    /**
     * Records that an output was revoked: whatever its newest attempt is, its delivery is over.
     *
     * @return the output as it was before, empty when it was not remembered
     */
    public synchronized Optional<Entry> revoke(String jobId, String outputId, int attempt, String destinationBucket,
                                               String destinationPrefix) {
        Key key = new Key(jobId, outputId);
        Entry known = outputs.get(key);
        Entry revoked = known != null && known.attempt() >= attempt ? known.with(Status.REVOKED)
                : new Entry(jobId, outputId, attempt, destinationBucket, destinationPrefix, Status.REVOKED);
        outputs.put(key, revoked);
        return Optional.ofNullable(known);
    }

    /**
     * The outputs of a job (or only {@code outputId} of it, when not null) whose newest attempt is still being
     * delivered: those that may have files in their destination without being published.
     */
    public synchronized List<Entry> delivering(String jobId, String outputId) {
        return outputs.values().stream()
                .filter(entry -> entry.jobId().equals(jobId))
                .filter(entry -> outputId == null || entry.outputId().equals(outputId))
                .filter(entry -> entry.status() == Status.DELIVERING)
                .toList();
    }
}
