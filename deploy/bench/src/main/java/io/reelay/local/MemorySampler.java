package io.reelay.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows the resident memory of the stack's processes while the benchmark runs: each process itself (a JVM) and,
 * apart, the processes it started (encode's ffmpeg, probe's ffprobe), sampled every {@value #INTERVAL_MILLIS} ms.
 * A child that lives shorter than the interval can be missed; the kernel's high-water mark (VmHWM) of a process
 * that is still running is exact.
 */
final class MemorySampler implements AutoCloseable {

    static final long INTERVAL_MILLIS = 250;

    /**
     * What one process held: when idle (itself and its children), at most (sampled VmRSS, and VmHWM), and at most
     * in its children at once (sampled, summed) and in any one child (VmHWM). Bytes; 0 for never seen.
     */
    record Footprint(String name, long idleBytes, long peakRssBytes, long highWaterBytes, long childrenPeakRssBytes,
                     long childHighWaterBytes) {
    }

    private final Map<ManagedProcess, Tracked> tracked = new LinkedHashMap<>();
    private final ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "memory-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private static final class Tracked {
        long idleBytes;
        ProcMemory own = ProcMemory.NONE;
        long childrenPeakRssBytes;
        long childHighWaterBytes;
    }

    MemorySampler(List<ManagedProcess> processes) {
        processes.forEach(process -> tracked.put(process, new Tracked()));
        sampling.scheduleWithFixedDelay(this::sample, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Takes the idle figure of every process now: call it before any work reaches the stack. */
    synchronized void markIdle() {
        tracked.forEach((process, memory) -> {
            long own = ProcMemory.of(process.pid()).orElse(ProcMemory.NONE).rssBytes();
            memory.idleBytes = own + children(process).stream().mapToLong(ProcMemory::rssBytes).sum();
        });
    }

    /** Every process's figures so far, in the order they were given. */
    synchronized Map<ManagedProcess, Footprint> footprints() {
        sample();
        Map<ManagedProcess, Footprint> footprints = new LinkedHashMap<>();
        tracked.forEach((process, memory) -> footprints.put(process, new Footprint(process.name(), memory.idleBytes,
                memory.own.rssBytes(), memory.own.peakBytes(), memory.childrenPeakRssBytes,
                memory.childHighWaterBytes)));
        return footprints;
    }

    @Override
    public void close() {
        sampling.shutdownNow();
    }

    private synchronized void sample() {
        tracked.forEach((process, memory) -> {
            if (!process.isAlive()) {
                return; // its figures stay as last sampled
            }
            ProcMemory.of(process.pid()).ifPresent(now -> memory.own = memory.own.max(now));
            List<ProcMemory> children = children(process);
            memory.childrenPeakRssBytes = Math.max(memory.childrenPeakRssBytes,
                    children.stream().mapToLong(ProcMemory::rssBytes).sum());
            children.forEach(child -> memory.childHighWaterBytes = Math.max(memory.childHighWaterBytes,
                    child.peakBytes()));
        });
    }

    private static List<ProcMemory> children(ManagedProcess process) {
        return ProcessHandle.of(process.pid()).stream()
                .flatMap(ProcessHandle::descendants)
                .flatMap(child -> ProcMemory.of(child.pid()).stream())
                .toList();
    }
}
