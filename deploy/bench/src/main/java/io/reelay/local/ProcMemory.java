package io.reelay.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The resident memory of one process as the kernel accounts it in {@code /proc/<pid>/status}: what it holds now
 * (VmRSS) and the most it has held since it started (VmHWM, the high-water mark).
 */
record ProcMemory(long rssBytes, long peakBytes) {

    static final ProcMemory NONE = new ProcMemory(0, 0);

    /** The process's memory now, or empty once it has ended. */
    static Optional<ProcMemory> of(long pid) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "status"))));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /** Reads VmRSS and VmHWM (kB) of a status text; a zombie or kernel thread has neither and reads as zero. */
    static ProcMemory parse(String status) {
        return new ProcMemory(kilobytes(status, "VmRSS:") * 1024, kilobytes(status, "VmHWM:") * 1024);
    }

    /** The larger of each figure: what a process and another sample of it held at most. */
    ProcMemory max(ProcMemory other) {
        return new ProcMemory(Math.max(rssBytes, other.rssBytes), Math.max(peakBytes, other.peakBytes));
    }

    private static long kilobytes(String status, String field) {
        return status.lines()
                .filter(line -> line.startsWith(field))
                .mapToLong(line -> Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]))
                .findFirst()
                .orElse(0);
    }
}
