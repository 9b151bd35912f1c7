package io.reelay.upload.core;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the files and bytes delivered per output attempt and decides when a progress report is due: at most one
 * per {@code interval} per output, and only once at least {@code minBytes} more were delivered since the last
 * report, so a stream of small files (playlists, init segments) does not become a stream of events. Counts live in
 * memory; after a restart they start over, which reports less than the truth, never more than the final count.
 */
public final class DeliveryProgress {

    /** Totals delivered so far for one output attempt. */
    public record Totals(long bytes, int files) {
    }

    private static final int REMEMBERED_OUTPUTS = 10_000;

    private final Duration interval;
    private final long minBytes;
    private final Map<String, Counter> outputs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Counter> eldest) {
            return size() > REMEMBERED_OUTPUTS;
        }
    };

    private static final class Counter {
        long bytes;
        int files;
        long reportedBytes;
        Instant reportedAt = Instant.EPOCH;
    }

    public DeliveryProgress(Duration interval, long minBytes) {
        this.interval = interval;
        this.minBytes = minBytes;
    }

    /** Counts one delivered file; returns the totals to report when a report is due. */
    public synchronized Optional<Totals> delivered(String outputKey, long sizeBytes, Instant now) {
        Counter counter = outputs.computeIfAbsent(outputKey, key -> new Counter());
        counter.bytes += sizeBytes;
        counter.files++;
        boolean due = !now.isBefore(counter.reportedAt.plus(interval))
                && counter.bytes - counter.reportedBytes >= minBytes;
        if (!due) {
            return Optional.empty();
        }
        counter.reportedAt = now;
        counter.reportedBytes = counter.bytes;
        return Optional.of(new Totals(counter.bytes, counter.files));
    }

    /** Forgets an output once it is announced or failed. */
    public synchronized void finished(String outputKey) {
        outputs.remove(outputKey);
    }
}
