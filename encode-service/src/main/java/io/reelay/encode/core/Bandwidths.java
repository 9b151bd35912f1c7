package io.reelay.encode.core;

import java.util.HashMap;
import java.util.Map;

/**
 * Bitrates of each track measured from its segments as they are staged, for the master playlist: BANDWIDTH is the
 * peak over any segment and AVERAGE-BANDWIDTH the mean over the whole track, as the HLS specification defines them.
 * Not thread-safe: fed by the one thread that stages an output.
 */
public final class Bandwidths {

    /** Bits per second of a variant. */
    public record Bandwidth(long peak, long average) {

        public Bandwidth plus(Bandwidth other) {
            return new Bandwidth(peak + other.peak, average + other.average);
        }
    }

    private final Map<String, long[]> bytesByTrack = new HashMap<>();
    private final Map<String, Double> secondsByTrack = new HashMap<>();
    private final Map<String, Long> peakByTrack = new HashMap<>();

    /** @param track name of the track the segment belongs to ({@link Track#rendition()}) */
    public void addSegment(String track, long bytes, double seconds) {
        bytesByTrack.computeIfAbsent(track, t -> new long[1])[0] += bytes;
        secondsByTrack.merge(track, seconds, Double::sum);
        if (seconds > 0) {
            peakByTrack.merge(track, bitsPerSecond(bytes, seconds), Math::max);
        }
    }

    /** What the track's segments measured; zero for a track without segments. */
    public Bandwidth of(String track) {
        double seconds = secondsByTrack.getOrDefault(track, 0.0);
        long average = seconds > 0 ? bitsPerSecond(bytesByTrack.get(track)[0], seconds) : 0;
        return new Bandwidth(peakByTrack.getOrDefault(track, 0L), average);
    }

    private static long bitsPerSecond(long bytes, double seconds) {
        return (long) Math.ceil(bytes * 8 / seconds);
    }
}
