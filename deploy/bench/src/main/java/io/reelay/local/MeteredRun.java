package io.reelay.local;

import io.reelay.encode.core.UsageMeter;
import io.reelay.events.Usage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs ffmpeg commands outside the pipeline, side by side, metered the way the encode service meters its own
 * ffmpeg ({@link UsageMeter}): wall time of the whole batch, CPU seconds and peak resident memory summed over the
 * processes.
 */
final class MeteredRun {

    private static final Duration TIMEOUT = Duration.ofHours(1);
    // Same sampling idea as the encode service: often enough to catch the counters just before exit.
    private static final Duration SAMPLING_INTERVAL = Duration.ofMillis(100);

    /**
     * What a batch cost: wall seconds from the first start to the last exit, CPU seconds of all processes, and the
     * sum of their peak resident memory (VmHWM; exact for one process, an upper bound for several).
     */
    record Cost(double wallSeconds, double cpuSeconds, long peakRssBytes) {
    }

    private MeteredRun() {
    }

    static Cost run(String name, List<List<String>> commands, Path logDir) throws InterruptedException {
        long started = System.nanoTime();
        List<ManagedProcess> processes = new ArrayList<>();
        List<UsageMeter> meters = new ArrayList<>();
        try {
            for (int i = 0; i < commands.size(); i++) {
                ManagedProcess process = ManagedProcess.start(name + "-" + i, commands.get(i), Map.of(), logDir,
                        logDir.resolve(name + "-" + i + ".log"));
                UsageMeter meter = UsageMeter.forThisMachine();
                meter.start(process.pid());
                processes.add(process);
                meters.add(meter);
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (processes.stream().anyMatch(ManagedProcess::isAlive)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " did not finish within " + TIMEOUT);
                }
                meters.forEach(UsageMeter::sample);
                Thread.sleep(SAMPLING_INTERVAL.toMillis());
            }
            double wallSeconds = (System.nanoTime() - started) / 1e9;
            for (ManagedProcess process : processes) {
                int exit = process.awaitExit(Duration.ofSeconds(10));
                if (exit != 0) {
                    throw new IllegalStateException(process.name() + " exited with " + exit + "; see " + process.logFile());
                }
            }
            List<Usage> usages = meters.stream().map(meter -> meter.usage(0, 0, 0)).toList();
            return new Cost(wallSeconds, usages.stream().mapToDouble(Usage::getCpuSeconds).sum(),
                    usages.stream().mapToLong(Usage::getPeakRssBytes).sum());
        } finally {
            processes.forEach(ManagedProcess::close);
        }
    }
}
