package io.reelay.state.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.reelay.events.OutputState;
import io.reelay.events.Rendition;
import io.reelay.events.ThumbnailResult;
import io.reelay.events.Usage;
import io.reelay.state.http.JobView.FailureView;
import io.reelay.state.http.JobView.RevokeView;
import io.reelay.state.http.JobView.TransitionView;

import java.time.Instant;
import java.util.List;

/** One output of a job, as {@code GET /jobs/{id}} shows it. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL) // empty lists stay in the JSON: clients need not test for absence
public record OutputView(String outputId, String format, String status, int attempt, double percent,
                         List<RenditionView> renditions, int filesStaged, long bytesStaged, double encodedSeconds,
                         long bytesDelivered, int filesDelivered, String playlistUrl, String manifestUrl,
                         long bytes, int objectCount, UsageView usage, FailureView failure,
                         List<TransitionView> transitions, Instant updatedAt, List<ThumbnailView> thumbnails,
                         RevokeView revoke) {

    /** Shown as the format of a thumbnail set, whose Avro format field carries no meaning. */
    static final String THUMBNAILS_FORMAT = "THUMBNAILS";

    static OutputView of(OutputState output) {
        boolean thumbnailSet = output.getThumbnails() != null;
        return new OutputView(output.getOutputId(), thumbnailSet ? THUMBNAILS_FORMAT : output.getFormat().name(),
                output.getStatus().name(),
                output.getAttempt(), output.getPercent(),
                output.getRenditions().stream().map(RenditionView::of).toList(), output.getFilesStaged(),
                output.getBytesStaged(), output.getEncodedSeconds(), output.getBytesDelivered(),
                output.getFilesDelivered(), output.getPlaylistUrl(), output.getManifestUrl(), output.getBytes(),
                output.getObjectCount(), UsageView.of(output.getUsage()), FailureView.of(output.getFailure()),
                TransitionView.of(output.getTransitions()), output.getUpdatedAt(),
                thumbnailSet ? output.getThumbnails().stream().map(ThumbnailView::of).toList() : null,
                RevokeView.of(output.getRevoke()));
    }

    /** One thumbnail of a delivered set: its image, or why it has none. */
    @Serdeable
    public record ThumbnailView(double timeSeconds, String url, int width, int height, long bytes,
                                FailureView failure) {

        static ThumbnailView of(ThumbnailResult thumbnail) {
            return new ThumbnailView(thumbnail.getTimeSeconds(), thumbnail.getUrl(), thumbnail.getWidth(),
                    thumbnail.getHeight(), thumbnail.getBytes(), FailureView.of(thumbnail.getFailure()));
        }
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
