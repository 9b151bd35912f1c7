package io.reelay.state.streams;

import io.reelay.events.HeldEvent;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Events of jobs whose request has not been folded yet. Streams merges the event topics by record time, but
 * after an outage, under a backlog or with clocks apart, an event can still be read before its job's request;
 * folded then it would be lost or would leave the job without its tenant and webhook. Such an event waits here,
 * one store entry per event so that no entry grows with the job, until the request arrives.
 * <p>
 * Keys are the job id, then the event's record time, its topic's place in the pipeline and its offset: a prefix
 * scan returns one job's events in the order they happened.
 */
final class HeldEvents {

    private static final Serializer<String> KEYS = Serdes.String().serializer();
    private static final char SEPARATOR = '\u0000';

    private final KeyValueStore<String, HeldEvent> store;

    HeldEvents(KeyValueStore<String, HeldEvent> store) {
        this.store = store;
    }

    /**
     * @param timestamp the event's record time
     * @param topicOrder where the event's topic comes in the pipeline, to order events of the same millisecond
     * @param offset the event's offset in its partition
     * @param heldAt now, by the processor's clock: a held event expires a job timeout later
     */
    void hold(String jobId, SpecificRecord event, long timestamp, int topicOrder, long offset, Instant heldAt) {
        String key = String.format("%s%c%019d%c%02d%c%019d", jobId, SEPARATOR, Math.max(0, timestamp), SEPARATOR,
                topicOrder, SEPARATOR, Math.max(0, offset));
        store.put(key, new HeldEvent(heldAt, event));
    }

    /** Removes and returns the job's held events, in the order they happened. */
    List<SpecificRecord> release(String jobId) {
        List<String> keys = new ArrayList<>();
        List<SpecificRecord> events = new ArrayList<>();
        try (KeyValueIterator<String, HeldEvent> held = store.prefixScan(jobId + SEPARATOR, KEYS)) {
            held.forEachRemaining(entry -> {
                keys.add(entry.key);
                events.add((SpecificRecord) entry.value.getEvent());
            });
        }
        keys.forEach(store::delete);
        return events;
    }

    /** Drops events held since before {@code oldest}: their request is not coming. Returns how many. */
    int dropHeldBefore(Instant oldest) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, HeldEvent> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.getHeldAt().isBefore(oldest)) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(store::delete);
        return expired.size();
    }
}
