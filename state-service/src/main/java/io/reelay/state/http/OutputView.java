package io.reelay.state.http;

import io.micronaut.serde.annotation.Serdeable;
import io.reelay.events.OutputState;
import io.reelay.events.Rendition;
import io.reelay.events.Usage;
import io.reelay.state.http.JobView.FailureView;

import java.time.Instant;
import java.util.List;

/** One output of a job, as {@code GET /jobs/{id}} shows it. */
@Serdeable
public record OutputView(String outputId, String format, String status, int attempt, double percent,
                         List<RenditionView> renditions, int filesStaged, long bytesStaged, double encodedSeconds,
                         String playlistUrl, String manifestUrl, long bytes, int objectCount, UsageView usage,
                         FailureView failure, Instant updatedAt) {

    static OutputView of(OutputState output) {
        return new OutputView(output.getOutputId(), output.getFormat().name(), output.getStatus().name(),
                output.getAttempt(), output.getPercent(),
                output.getRenditions().stream().map(RenditionView::of).toList(), output.getFilesStaged(),
                output.getBytesStaged(), output.getEncodedSeconds(), output.getPlaylistUrl(), output.getManifestUrl(),
                output.getBytes(), output.getObjectCount(), UsageView.of(output.getUsage()),
                FailureView.of(output.getFailure()), output.getUpdatedAt());
    }

    /** One rung of the output's ladder. */
    @Serdeable
    public record RenditionView(String name, int width, int height, int videoBitrate, int audioBitrate) {

        static RenditionView of(Rendition rendition) {
            return new RenditionView(rendition.getName(), rendition.getWidth(), rendition.getHeight(),
                    rendition.getVideoBitrate(), rendition.getAudioBitrate());
        }
    }

    /** Resources the output's encode consumed. */
    @Serdeable
    public record UsageView(double cpuSeconds, long peakRssBytes, double wallSeconds, double encodedMediaSeconds,
                            long bytesWritten, int objectCount) {

        static UsageView of(Usage usage) {
            return usage == null ? null : new UsageView(usage.getCpuSeconds(), usage.getPeakRssBytes(),
                    usage.getWallSeconds(), usage.getEncodedMediaSeconds(), usage.getBytesWritten(),
                    usage.getObjectCount());
        }
    }
}
