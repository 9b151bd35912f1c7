package io.reelay.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcMemoryTest {

    @Test
    void readsResidentAndHighWaterMarkInBytes() {
        String status = """
                Name:\tjava
                VmPeak:\t 4000000 kB
                VmHWM:\t  250000 kB
                VmRSS:\t  200000 kB
                Threads:\t42
                """;

        assertThat(ProcMemory.parse(status)).isEqualTo(new ProcMemory(200_000L * 1024, 250_000L * 1024));
    }

    @Test
    void aZombieHoldsNothing() {
        assertThat(ProcMemory.parse("Name:\tffmpeg\nState:\tZ (zombie)\n")).isEqualTo(ProcMemory.NONE);
    }

    @Test
    void thisProcessHoldsSomeMemoryAndAtLeastAsMuchAtItsPeak() {
        ProcMemory self = ProcMemory.of(ProcessHandle.current().pid()).orElseThrow();

        assertThat(self.rssBytes()).isPositive();
        assertThat(self.peakBytes()).isGreaterThanOrEqualTo(self.rssBytes());
    }

    @Test
    void theLargerFigureOfEachSampleIsKept() {
        assertThat(new ProcMemory(5, 9).max(new ProcMemory(7, 8))).isEqualTo(new ProcMemory(7, 9));
    }
}
