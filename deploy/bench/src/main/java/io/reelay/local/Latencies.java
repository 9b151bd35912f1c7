package io.reelay.local;

import java.util.Arrays;

/** Percentiles of request latencies, in milliseconds (nearest rank). */
record Latencies(double p50Millis, double p99Millis, double maxMillis) {

    static Latencies of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("No latencies measured");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(millis(percentile(sorted, 50)), millis(percentile(sorted, 99)),
                millis(sorted[sorted.length - 1]));
    }

    /** The smallest value with at least {@code percent} % of all values at or below it. */
    private static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
