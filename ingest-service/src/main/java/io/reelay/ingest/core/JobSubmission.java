package io.reelay.ingest.core;

import java.util.List;

/**
 * A job as a client submits it over HTTP. Every field may be missing or wrong: {@link JobSubmissionValidator}
 * decides, so enums are plain strings here and their errors can name the field.
 */
public record JobSubmission(String referenceId, Location source, List<Output> outputs, String webhookUrl,
                            Thumbnails thumbnails, String webhookEvents, String webhookSecret) {

    /** A submission without webhook options: every notification, signed with the service-wide secret. */
    public JobSubmission(String referenceId, Location source, List<Output> outputs, String webhookUrl,
                         Thumbnails thumbnails) {
        this(referenceId, source, outputs, webhookUrl, thumbnails, null, null);
    }

    public record Location(String bucket, String key) {
    }

    public record Destination(String bucket, String prefix) {
    }

    public record Rendition(String name, Integer width, Integer height, Integer videoBitrate, Integer audioBitrate) {
    }

    public record Output(String outputId, String format, String videoCodec, String audioCodec, List<String> qualities,
                         List<Rendition> renditions, Double segmentSeconds, Destination destination,
                         Watermark watermark) {

        /** An output without a watermark. */
        public Output(String outputId, String format, String videoCodec, String audioCodec, List<String> qualities,
                      List<Rendition> renditions, Double segmentSeconds, Destination destination) {
            this(outputId, format, videoCodec, audioCodec, qualities, renditions, segmentSeconds, destination, null);
        }
    }

    /** Read by {@link WatermarkReader}; {@code margin} and {@code width} are fractions of the video width. */
    public record Watermark(Location image, String position, Double margin, Double opacity, Double width) {
    }

    /** @param times seconds as JSON numbers or strings, or HH:MM:SS.mmm strings; read by {@link ThumbnailsReader} */
    public record Thumbnails(List<Object> times, Integer width, Integer height, String format, Destination destination,
                             Watermark watermark) {
    }
}
