package io.reelay.local;

import io.reelay.events.Rendition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Every number of one benchmark run, and the Markdown page that shows them with what each one measures. Ratios are
 * against the single ffmpeg process run alone, the floor any pipeline built on it can reach.
 *
 * @param perRendition the comparison with one ffmpeg per rendition, measured for one source length only
 * @param chartFile the chart's file name, beside the page
 */
record BenchmarkReport(Machine machine, List<SizeRun> sizes, PerRendition perRendition, StateLoad.Result state,
                       List<ProcessRun> processes, Duration stackStartup, FirstJob firstJob, List<Rendition> ladder,
                       String command, String chartFile) {

    private static final double MB = 1024 * 1024;

    /** Where and when it ran: whatever else ran on the machine skews every wall time measured. */
    record Machine(Instant at, int cores, String cpu, String loadBefore, String loadAfter) {
    }

    /** One source length: through the pipeline, and its ladder encoded by ffmpeg alone. */
    record SizeRun(int sourceSeconds, TimedJob.Timing pipeline, MeteredRun.Cost alone) {

        double ratio() {
            return pipeline.wallSeconds() / alone.wallSeconds();
        }

        double firstSegmentShare() {
            return pipeline.firstSegmentSeconds() / pipeline.wallSeconds();
        }

        double encodeCpuSeconds() {
            return pipeline.output().path("usage").path("cpuSeconds").asDouble();
        }

        long encodePeakRssBytes() {
            return pipeline.output().path("usage").path("peakRssBytes").asLong();
        }
    }

    /** The same ladder as one ffmpeg per rendition side by side, against the one process. */
    record PerRendition(int sourceSeconds, MeteredRun.Cost alone, MeteredRun.Cost split) {
    }

    /**
     * The stack's first job, run before the timed ones and not counted among them: it also pays for what each
     * service does once (schemas fetched from the registry, connections opened, code compiled by the JIT).
     */
    record FirstJob(int sourceSeconds, TimedJob.Timing timing) {
    }

    /** One process of the stack: how long it took to become ready, and its memory. */
    record ProcessRun(Duration readyAfter, MemorySampler.Footprint memory) {
    }

    String markdown() {
        StringBuilder page = new StringBuilder("# Benchmarks\n\n");
        page.append("Produced by `bash deploy/bench/run.sh` on ").append(machine.at()).append(": ")
                .append(machine.cores()).append(" cores (").append(machine.cpu()).append("), 1-minute load average ")
                .append(machine.loadBefore()).append(" before and ").append(machine.loadAfter()).append(" after. ")
                .append("Generated 1080p30 sources (testsrc2 and a 440 Hz tone, H.264/AAC) of ")
                .append(sizes.stream().map(s -> s.sourceSeconds() + " s").collect(Collectors.joining(", ")))
                .append(", each encoded to an HLS fMP4 ladder with 4 s segments: ").append(rungs())
                .append(", x264 preset veryfast, AAC audio per rendition.\n\n")
                .append("![Wall time of the ladder: ffmpeg alone against Reelay end to end](").append(chartFile)
                .append(")\n\n");
        efficiency(page);
        perRendition(page);
        stateService(page);
        processes(page);
        page.append("\n## The ffmpeg command\n\nThe very command the encode service builds (`FfmpegCommand`) for the ")
                .append("plan probe made; the benchmark runs it alone on the local file, writing to a local folder:")
                .append("\n\n```\n").append(command).append("\n```\n\n")
                .append("Wall times depend on the machine and on what else runs on it; the ratios are the point. ")
                .append("Services, Kafka, the registry and S3Proxy share the same cores as ffmpeg here.\n");
        return page.toString();
    }

    private void efficiency(StringBuilder page) {
        page.append("## Pipeline efficiency\n\n| source | ffmpeg alone s | Reelay, submit → final webhook s | ")
                .append("Reelay / ffmpeg alone | first segment delivered s | first segment / job wall | ")
                .append("ffmpeg CPU s alone / in encode | ffmpeg peak RSS MB alone / in encode |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SizeRun size : sizes) {
            page.append(String.format(Locale.ROOT, "| %d s | %.1f | %.1f | **%.2f** | %.1f | %.0f %% | %.1f / %.1f "
                            + "| %s / %s |%n", size.sourceSeconds(), size.alone().wallSeconds(),
                    size.pipeline().wallSeconds(), size.ratio(), size.pipeline().firstSegmentSeconds(),
                    100 * size.firstSegmentShare(), size.alone().cpuSeconds(), size.encodeCpuSeconds(),
                    mb(size.alone().peakRssBytes()), mb(size.encodePeakRssBytes())));
        }
        page.append("""

                - **ffmpeg alone**: the command below on the local source file, writing to a local folder, after \
                the stack was stopped.
                - **Reelay**: from just before `POST /jobs` until the job's final webhook (`job.completed`) reached a \
                receiver in the benchmark on 127.0.0.1: ingest, probe through a presigned URL, encode's ffmpeg \
                reading the source over HTTP, each file staged to S3 while ffmpeg runs, server-side copies to the \
                destination, playlists last, then the state service deciding the notification and its dispatcher \
                POSTing it; every step an Avro event on Kafka. The source's upload (presigned PUT) comes before and \
                is not timed. The jobs ran one after another, after the stack's first job (see *Start-up and memory*).
                - **first segment delivered**: from the same start until the first media segment of the first \
                rendition (%s) was listed in the destination bucket, listed every 100 ms: when a player could start \
                playing. Then as a share of the job's wall time.
                - **in encode**: the usage the encode service reports for its ffmpeg (CPU from `/proc/<pid>/stat`, \
                peak from VmHWM), the same way the benchmark meters ffmpeg alone.

                """.formatted(ladder.isEmpty() ? "?" : ladder.get(0).getName()));
    }

    private void perRendition(StringBuilder page) {
        page.append("## One ffmpeg per rendition (").append(perRendition.sourceSeconds()).append(" s source)\n\n")
                .append("| run | wall s | ffmpeg CPU s | peak RSS MB (sum) | wall vs one ffmpeg |\n")
                .append("|---|---:|---:|---:|---:|\n");
        perRenditionRow(page, "one ffmpeg, all renditions (as encode runs it)", perRendition.alone());
        perRenditionRow(page, "one ffmpeg per rendition, side by side", perRendition.split());
        page.append("\nEvery process of the second run decodes the source again. Measured for one source length ")
                .append("only (the one closest to 60 s), as it costs another encode of it.\n\n");
    }

    private void perRenditionRow(StringBuilder page, String run, MeteredRun.Cost cost) {
        page.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %s | %.2f |%n", run, cost.wallSeconds(),
                cost.cpuSeconds(), mb(cost.peakRssBytes()), cost.wallSeconds() / perRendition.alone().wallSeconds()));
    }

    private void stateService(StringBuilder page) {
        JobQueries.Result queries = state.queries();
        page.append("## State service\n\n| measure | value |\n|---|---|\n")
                .append(String.format(Locale.ROOT, "| events folded | **%,.0f events/s**: %,d events of %,d jobs in "
                                + "%.1f s, once published in one transaction (%.1f s) |%n", state.eventsPerSecond(),
                        state.events(), state.jobs(), state.foldSeconds(), state.publishSeconds()))
                .append(String.format(Locale.ROOT, "| `GET /jobs/{id}` | **p50 %.1f ms, p99 %.1f ms** (max %.1f ms):"
                                + " %,d requests from %d concurrent clients in %.1f s, %,.0f/s |%n",
                        queries.latencies().p50Millis(), queries.latencies().p99Millis(),
                        queries.latencies().maxMillis(), queries.requests(), queries.clients(), queries.seconds(),
                        queries.perSecond()))
                .append(String.format(Locale.ROOT, "| copies answered COMPLETE | %.1f %% of those answers |%n",
                        100 * queries.completeShare()))
                .append("""

                        Measured on the local stack's own state service (its jar in its own JVM, `-Xmx512m`, Apicurio \
                        serde, exactly-once v2, 6 partitions) once the jobs above were done, with probe, encode and \
                        upload stopped so that nothing else acts on the load. The events those jobs really produced \
                        (request, probe, every encoded file, uploads) are read back from Kafka and published again \
                        under new job ids, round after round, in the order they happened (record times one \
                        millisecond apart) and without webhook, all in one Kafka transaction: the state service \
                        reads committed records only, so the whole backlog appears to it at once, as after an outage. \
                        The clock runs from the commit until the state service's Streams application has committed \
                        its offsets past the last copy in every partition (with exactly-once, together with the folded \
                        states). Then concurrent clients ask for random copied jobs with the stack's API key over \
                        HTTP/1.1 on 127.0.0.1, each waiting for its answer before sending the next one. Every copy \
                        ends COMPLETE when its events are folded in the order they happened, like the original job.

                        """);
    }

    private void processes(StringBuilder page) {
        page.append("## Start-up and memory\n\n")
                .append(String.format(Locale.ROOT, "The whole stack was healthy %.1f s after its start ", seconds(
                        stackStartup)))
                .append("(Kafka, the registry and S3Proxy side by side, then topics and buckets, then the five ")
                .append("services side by side). ")
                .append(String.format(Locale.ROOT, "Its first job, the %d s source once more before the timed runs, "
                                + "reached its final webhook %.1f s after submit (first segment delivered after %.1f s); "
                                + "it pays for what every service does once: schemas fetched from the registry, "
                                + "connections opened, code compiled by the JIT.%n%n", firstJob.sourceSeconds(),
                        firstJob.timing().wallSeconds(), firstJob.timing().firstSegmentSeconds()))
                .append("| process | ready after s | idle RSS MB | peak RSS MB | VmHWM MB | children: peak RSS MB | ")
                .append("largest child VmHWM MB |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (ProcessRun process : processes) {
            MemorySampler.Footprint memory = process.memory();
            page.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %s | %s | %s | %s |%n", memory.name(),
                    seconds(process.readyAfter()), mb(memory.idleBytes()), mb(memory.peakRssBytes()),
                    mb(memory.highWaterBytes()), mb(memory.childrenPeakRssBytes()),
                    mb(memory.childHighWaterBytes())));
        }
        page.append("""

                - **ready after**: from the process's start until its health check answered (services: \
                `GET /health` 200; Kafka: its port accepts connections).
                - **idle RSS**: VmRSS of the process and its children 10 s after the whole stack was healthy, \
                before any job.
                - **peak RSS**: the largest VmRSS seen, sampled every %d ms over the whole run (the state service's \
                includes its load test; probe, encode and upload are stopped before it); **VmHWM**: the kernel's \
                high-water mark of the process since its start, start-up included.
                - **children**: what a service starts itself, ffmpeg under encode and ffprobe under probe: the \
                largest sum of their VmRSS seen at once, and the largest VmHWM of any one of them. A child that \
                lives shorter than the sampling interval can go unseen (–).
                """.formatted(MemorySampler.INTERVAL_MILLIS));
    }

    private String rungs() {
        return ladder.stream().map(r -> r.getName() + " " + r.getWidth() + "x" + r.getHeight() + " @ "
                + r.getVideoBitrate() / 1000 + " kbit/s").collect(Collectors.joining(", "));
    }

    private static String mb(long bytes) {
        return bytes == 0 ? "–" : String.format(Locale.ROOT, "%.0f", bytes / MB);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
