package io.reelay.upload.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryProgressTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private final DeliveryProgress progress = new DeliveryProgress(Duration.ofSeconds(1), 1000);

    @Test
    void reportsTheRunningTotalsOfAnOutput() {
        assertThat(progress.delivered("j1/hls/1", 1500, T0))
                .contains(new DeliveryProgress.Totals(1500, 1));
        assertThat(progress.delivered("j1/hls/1", 2000, T0.plusSeconds(2)))
                .contains(new DeliveryProgress.Totals(3500, 2));
    }

    @Test
    void reportsAtMostOncePerIntervalPerOutput() {
        progress.delivered("j1/hls/1", 1500, T0);

        assertThat(progress.delivered("j1/hls/1", 5000, T0.plusMillis(500))).isEmpty();
        assertThat(progress.delivered("j1/dash/1", 5000, T0.plusMillis(500))).isPresent();
        assertThat(progress.delivered("j1/hls/1", 10, T0.plusMillis(1000)))
                .contains(new DeliveryProgress.Totals(6510, 3));
    }

    @Test
    void smallFilesAreNotReportedOneByOne() {
        assertThat(progress.delivered("j1/hls/1", 300, T0)).isEmpty();
        assertThat(progress.delivered("j1/hls/1", 300, T0.plusSeconds(2))).isEmpty();
        assertThat(progress.delivered("j1/hls/1", 500, T0.plusSeconds(4)))
                .contains(new DeliveryProgress.Totals(1100, 3));
    }

    @Test
    void finishedOutputStartsOverWhenSeenAgain() {
        progress.delivered("j1/hls/1", 1500, T0);
        progress.finished("j1/hls/1");

        assertThat(progress.delivered("j1/hls/1", 1200, T0.plusMillis(100)))
                .contains(new DeliveryProgress.Totals(1200, 1));
    }
}
