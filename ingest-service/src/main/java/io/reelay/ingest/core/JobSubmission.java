package io.reelay.ingest.core;

import java.util.List;

/**
 * A job as a client submits it over HTTP. Every field may be missing or wrong: {@link JobSubmissionValidator}
 * decides, so enums are plain strings here and their errors can name the field.
 */
public record JobSubmission(String referenceId, Location source, List<Output> outputs, String webhookUrl) {

    public record Location(String bucket, String key) {
    }

    public record Destination(String bucket, String prefix) {
    }

    public record Rendition(String name, Integer width, Integer height, Integer videoBitrate, Integer audioBitrate) {
    }

    public record Output(String outputId, String format, String videoCodec, String audioCodec, List<String> qualities,
                         List<Rendition> renditions, Double segmentSeconds, Destination destination) {
    }
}
