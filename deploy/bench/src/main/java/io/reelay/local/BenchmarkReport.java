package io.reelay.local;

import io.reelay.events.Rendition;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The numbers of one benchmark run, as a console table and as the {@code docs/benchmarks.md} page. Ratios are
 * against the single ffmpeg run alone, the floor any pipeline built on it can reach.
 */
record BenchmarkReport(int sourceSeconds, List<Rendition> ladder, int cores, String loadAverage, Result pipeline,
                       Result alone, Result perRendition) {

    /** One way of encoding the ladder: its wall time and the CPU seconds of its ffmpeg process(es). */
    record Result(String what, double wallSeconds, double cpuSeconds) {
    }

    String table() {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-48s %9s %9s %8s%n", "run", "wall s",
                "ffmpeg CPU s", "wall x"));
        for (Result result : List.of(pipeline, alone, perRendition)) {
            table.append(String.format(Locale.ROOT, "%-48s %9.1f %9.1f %8.2f%n", result.what(), result.wallSeconds(),
                    result.cpuSeconds(), ratio(result)));
        }
        return table.toString();
    }

    String markdown(Instant at, String command) {
        String rungs = ladder.stream().map(r -> r.getName() + " " + r.getWidth() + "x" + r.getHeight() + " @ "
                + r.getVideoBitrate() / 1000 + " kbit/s").collect(Collectors.joining(", "));
        StringBuilder page = new StringBuilder();
        page.append("# Benchmarks\n\n")
                .append("Produced by `bash deploy/bench/run.sh` (").append(at).append(", ").append(cores)
                .append(" cores, 1-minute load average ").append(loadAverage).append("). A generated ").append(sourceSeconds).append(" s 1080p30 source (testsrc2 + sine, ")
                .append("H.264/AAC) is encoded to an HLS fMP4 ladder with 4 s segments: ").append(rungs)
                .append(", x264 preset veryfast, AAC audio per rendition.\n\n")
                .append("| run | wall s | ffmpeg CPU s | wall vs ffmpeg alone |\n|---|---:|---:|---:|\n");
        for (Result result : List.of(pipeline, alone, perRendition)) {
            page.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", result.what(),
                    result.wallSeconds(), result.cpuSeconds(), ratio(result)));
        }
        page.append("\n- **whole pipeline**: from the source upload through a presigned URL to the job state saying ")
                .append("COMPLETE: probe over HTTP, the encode service's ffmpeg reading the source over HTTP, each ")
                .append("file staged to S3 while ffmpeg runs, server-side copies to the destination, playlists last, ")
                .append("every step an Avro event on Kafka. Its CPU figure is the usage encode reports for its ffmpeg.\n")
                .append("- **ffmpeg alone**: the very command the encode service builds (`FfmpegCommand`), on the ")
                .append("local file, writing to a local folder:\n\n```\n").append(command).append("\n```\n")
                .append("- **one ffmpeg per rendition**: the same command with one rendition each, all three running ")
                .append("side by side; every process decodes the source again.\n\n")
                .append("Wall times depend on the machine and on what else runs on it; the ratios are the point. ")
                .append("Services, Kafka, the registry and S3Proxy share the same cores as ffmpeg here.\n");
        return page.toString();
    }

    private double ratio(Result result) {
        return alone.wallSeconds() > 0 ? result.wallSeconds() / alone.wallSeconds() : 0;
    }
}
