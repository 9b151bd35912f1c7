package io.reelay.encode.core;

import io.reelay.events.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class UsageMeterTest {

    // utime 250, stime 50, cutime 7, cstime 3 clock ticks; the command name holds spaces and parentheses
    private static final String STAT = "4242 (ff mpeg (x)) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 7 3 20 0 4 0"
            + " 5000 123456789 2000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
    private static final String STATUS = """
            Name:\tffmpeg
            State:\tS (sleeping)
            VmPeak:\t  812340 kB
            VmHWM:\t  204800 kB
            VmRSS:\t  150000 kB
            Threads:\t9
            """;

    @Test
    void addsUserSystemAndChildrenCpuTicks() {
        assertThat(UsageMeter.cpuSecondsOf(STAT, 100)).isEqualTo(3.1);
        assertThat(UsageMeter.cpuSecondsOf(STAT, 250)).isEqualTo(1.24);
    }

    @Test
    void readsPeakResidentSetSizeFromVmHwm() {
        assertThat(UsageMeter.peakRssBytesOf(STATUS)).isEqualTo(204_800L * 1024);
        assertThat(UsageMeter.peakRssBytesOf("Name:\tkthreadd\nState:\tS\n")).isZero();
    }

    @Test
    void keepsTheHighestValuesSeenAfterTheProcessIsGone(@TempDir Path proc) throws IOException {
        Path process = Files.createDirectories(proc.resolve("4242"));
        Files.writeString(process.resolve("stat"), STAT);
        Files.writeString(process.resolve("status"), STATUS);
        UsageMeter meter = new UsageMeter(proc, 100);
        meter.start(4242);

        meter.sample();
        Files.delete(process.resolve("stat"));
        meter.sample();
        meter.stop();
        Usage usage = meter.usage(4.0, 123_456, 7);

        assertThat(usage.getCpuSeconds()).isEqualTo(3.1);
        assertThat(usage.getPeakRssBytes()).isEqualTo(204_800L * 1024);
        assertThat(usage.getWallSeconds()).isPositive();
        assertThat(usage.getEncodedMediaSeconds()).isEqualTo(4.0);
        assertThat(usage.getBytesWritten()).isEqualTo(123_456);
        assertThat(usage.getObjectCount()).isEqualTo(7);
    }

    @Test
    void measuresARealProcessOnThisMachine() {
        UsageMeter meter = UsageMeter.forThisMachine();
        meter.start(ProcessHandle.current().pid());

        meter.sample();
        Usage usage = meter.usage(0, 0, 0);

        assertThat(usage.getCpuSeconds()).isPositive();
        assertThat(usage.getPeakRssBytes()).isGreaterThan(1024 * 1024);
    }

    @Test
    void takesTheClockTickRateFromTheAuxiliaryVector(@TempDir Path dir) throws IOException {
        Path auxv = dir.resolve("auxv");
        Files.write(auxv, auxv(6, 4096, 17, 250, 0, 0));

        assertThat(UsageMeter.ticksPerSecond(auxv)).isEqualTo(250);
        assertThat(UsageMeter.ticksPerSecond(dir.resolve("missing"))).isEqualTo(UsageMeter.DEFAULT_TICKS_PER_SECOND);
        assertThat(UsageMeter.ticksPerSecond(Path.of("/proc/self/auxv"))).isPositive();
    }

    private static byte[] auxv(long... entries) {
        ByteBuffer buffer = ByteBuffer.allocate(entries.length * Long.BYTES).order(ByteOrder.nativeOrder());
        for (long entry : entries) {
            buffer.putLong(entry);
        }
        return buffer.array();
    }
}
