package io.reelay.local;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        // 1 ms to 200 ms, shuffled by stride so that sorting matters
        long[] nanos = LongStream.range(0, 200).map(i -> ((i * 77) % 200 + 1) * 1_000_000).toArray();

        Latencies latencies = Latencies.of(nanos);

        assertThat(latencies.p50Millis()).isEqualTo(100.0);
        assertThat(latencies.p99Millis()).isEqualTo(198.0);
        assertThat(latencies.maxMillis()).isEqualTo(200.0);
    }

    @Test
    void oneRequestIsEveryPercentile() {
        assertThat(Latencies.of(new long[] {3_500_000})).isEqualTo(new Latencies(3.5, 3.5, 3.5));
    }

    @Test
    void noRequestsGiveNoPercentiles() {
        assertThatThrownBy(() -> Latencies.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
