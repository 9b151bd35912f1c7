package io.reelay.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelay.events.Rendition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkReportTest {

    private static final long MB = 1024 * 1024;

    @Test
    void thePageShowsEveryFigureWithItsRatio() throws Exception {
        BenchmarkReport report = report();

        String page = report.markdown();

        assertThat(page)
                .contains("2 cores (Test CPU), 1-minute load average 0.50 before and 1.50 after")
                .contains("of 10 s, 60 s, ")
                .contains("1080p 1920x1080 @ 5000 kbit/s, 720p 1280x720 @ 2800 kbit/s")
                .contains("![Wall time of the ladder: ffmpeg alone against Reelay end to end](benchmarks.png)")
                .contains("| 10 s | 8.0 | 12.0 | **1.50** | 3.0 | 25 % | 14.0 / 15.0 | 400 / 420 |")
                .contains("| 60 s | 40.0 | 50.0 | **1.25** | 5.0 | 10 % | 80.0 / 82.0 | 500 / 510 |")
                .contains("the first rendition (1080p)")
                .contains("## One ffmpeg per rendition (60 s source)")
                .contains("| one ffmpeg, all renditions (as encode runs it) | 40.0 | 80.0 | 500 | 1.00 |")
                .contains("| one ffmpeg per rendition, side by side | 48.0 | 96.0 | 1200 | 1.20 |")
                .contains("| events folded | **5,000 events/s**: 50,000 events of 2,500 jobs in 10.0 s, "
                        + "once published in one transaction (2.5 s) |")
                .contains("| `GET /jobs/{id}` | **p50 4.0 ms, p99 20.5 ms** (max 80.0 ms): 20,000 requests from 16 "
                        + "concurrent clients in 8.0 s, 2,500/s |")
                .contains("| copies answered COMPLETE | 95.0 % of those answers |")
                .contains("The whole stack was healthy 41.5 s after its start")
                .contains("Its first job, the 10 s source once more before the timed runs, reached its final webhook "
                        + "20.0 s after submit (first segment delivered after 16.0 s)")
                .contains("| kafka | 3.5 | 300 | 320 | 330 | – | – |")
                .contains("| encode-service | 12.0 | 150 | 260 | 270 | 700 | 650 |")
                .contains("```\nffmpeg -i source.mp4 <scratch>/%v/playlist.m3u8\n```");
    }

    private static BenchmarkReport report() throws Exception {
        ObjectMapper json = new ObjectMapper();
        BenchmarkReport.SizeRun tenSeconds = new BenchmarkReport.SizeRun(10,
                new TimedJob.Timing("j10", 12.0, 3.0,
                        json.readTree("{\"usage\":{\"cpuSeconds\":15.0,\"peakRssBytes\":" + 420 * MB + "}}")),
                new MeteredRun.Cost(8.0, 14.0, 400 * MB));
        MeteredRun.Cost sixtyAlone = new MeteredRun.Cost(40.0, 80.0, 500 * MB);
        BenchmarkReport.SizeRun sixtySeconds = new BenchmarkReport.SizeRun(60,
                new TimedJob.Timing("j60", 50.0, 5.0,
                        json.readTree("{\"usage\":{\"cpuSeconds\":82.0,\"peakRssBytes\":" + 510 * MB + "}}")),
                sixtyAlone);
        StateLoad.Result state = new StateLoad.Result(2_500, 50_000, 2.5, 10.0,
                new JobQueries.Result(20_000, 16, 8.0, new Latencies(4.0, 20.5, 80.0), 19_000));
        List<BenchmarkReport.ProcessRun> processes = List.of(
                new BenchmarkReport.ProcessRun(Duration.ofMillis(3_500),
                        new MemorySampler.Footprint("kafka", 300 * MB, 320 * MB, 330 * MB, 0, 0)),
                new BenchmarkReport.ProcessRun(Duration.ofSeconds(12),
                        new MemorySampler.Footprint("encode-service", 150 * MB, 260 * MB, 270 * MB, 700 * MB,
                                650 * MB)));
        return new BenchmarkReport(
                new BenchmarkReport.Machine(Instant.parse("2026-01-01T10:00:00Z"), 2, "Test CPU", "0.50", "1.50"),
                List.of(tenSeconds, sixtySeconds),
                new BenchmarkReport.PerRendition(60, sixtyAlone, new MeteredRun.Cost(48.0, 96.0, 1200 * MB)),
                state, processes, Duration.ofMillis(41_500),
                new BenchmarkReport.FirstJob(10, new TimedJob.Timing("first", 20.0, 16.0, json.readTree("{}"))),
                List.of(new Rendition("1080p", 1920, 1080, 5_000_000, 128_000),
                        new Rendition("720p", 1280, 720, 2_800_000, 128_000)),
                "ffmpeg -i source.mp4 <scratch>/%v/playlist.m3u8", "benchmarks.png");
    }
}
