package io.reelay.encode.core;

import io.reelay.events.Usage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures what one ffmpeg run costs, from the kernel's own accounting in {@code /proc/<pid>}: CPU time
 * (user + system, including waited-for children) from {@code stat}, peak resident set size (VmHWM) from
 * {@code status}. Values only grow, so the meter keeps the largest it has seen: the last sample before the
 * process exits is the closest to the truth. Thread-safe: the stager and the progress reader both sample.
 */
public final class UsageMeter {

    /** Clock ticks per second when the kernel does not tell: the value of every mainstream Linux build. */
    public static final int DEFAULT_TICKS_PER_SECOND = 100;

    private static final int AT_CLKTCK = 17;
    // Fields of /proc/<pid>/stat counted from the one after the ")" that closes the command name (field 3).
    private static final int UTIME = 14 - 3;
    private static final int CSTIME = 17 - 3;

    private final Path procRoot;
    private final int ticksPerSecond;
    private long pid;
    private long startNanos;
    private long stopNanos;
    private double cpuSeconds;
    private long peakRssBytes;

    public UsageMeter(Path procRoot, int ticksPerSecond) {
        this.procRoot = procRoot;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** A meter reading this machine's {@code /proc} with the kernel's clock tick rate. */
    public static UsageMeter forThisMachine() {
        Path proc = Path.of("/proc");
        return new UsageMeter(proc, ticksPerSecond(proc.resolve("self/auxv")));
    }

    /** Starts metering the process: wall time counts from now. */
    public synchronized void start(long pid) {
        this.pid = pid;
        startNanos = System.nanoTime();
        stopNanos = 0;
    }

    public synchronized void stop() {
        stopNanos = System.nanoTime();
    }

    /** Reads the process's counters; a process that is already gone leaves the last values in place. */
    public synchronized void sample() {
        if (pid == 0) {
            return;
        }
        Path dir = procRoot.resolve(Long.toString(pid));
        try {
            cpuSeconds = Math.max(cpuSeconds, cpuSecondsOf(Files.readString(dir.resolve("stat")), ticksPerSecond));
            peakRssBytes = Math.max(peakRssBytes, peakRssBytesOf(Files.readString(dir.resolve("status"))));
        } catch (IOException processGone) {
            // the process exited between two samples; its final counters died with it
        }
    }

    public synchronized Usage usage(double encodedMediaSeconds, long bytesWritten, int objectCount) {
        long end = stopNanos != 0 ? stopNanos : System.nanoTime();
        return Usage.newBuilder()
                .setCpuSeconds(cpuSeconds)
                .setPeakRssBytes(peakRssBytes)
                .setWallSeconds(startNanos == 0 ? 0 : (end - startNanos) / 1e9)
                .setEncodedMediaSeconds(encodedMediaSeconds)
                .setBytesWritten(bytesWritten)
                .setObjectCount(objectCount)
                .build();
    }

    /** utime + stime + cutime + cstime of a {@code /proc/<pid>/stat} line, in seconds. */
    static double cpuSecondsOf(String stat, int ticksPerSecond) {
        // the command name may contain spaces and parentheses: fields are counted after its last ")"
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long ticks = 0;
        for (int field = UTIME; field <= CSTIME; field++) {
            ticks += Long.parseLong(fields[field]);
        }
        return (double) ticks / ticksPerSecond;
    }

    /** VmHWM of a {@code /proc/<pid>/status} text in bytes; 0 when absent (kernel threads, zombies). */
    static long peakRssBytesOf(String status) {
        return status.lines()
                .filter(line -> line.startsWith("VmHWM:"))
                .map(line -> line.substring("VmHWM:".length()).trim().split("\\s+"))
                .mapToLong(valueAndUnit -> Long.parseLong(valueAndUnit[0]) * 1024)
                .findFirst()
                .orElse(0);
    }

    /** The AT_CLKTCK entry of an auxiliary vector (pairs of native longs), or the default when unreadable. */
    static int ticksPerSecond(Path auxv) {
        try {
            ByteBuffer vector = ByteBuffer.wrap(Files.readAllBytes(auxv)).order(ByteOrder.nativeOrder());
            while (vector.remaining() >= 2 * Long.BYTES) {
                long type = vector.getLong();
                long value = vector.getLong();
                if (type == AT_CLKTCK && value > 0) {
                    return (int) value;
                }
            }
        } catch (IOException | SecurityException unreadable) {
            // not Linux, or /proc is hidden: fall back below
        }
        return DEFAULT_TICKS_PER_SECOND;
    }
}
