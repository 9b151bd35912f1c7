package io.reelay.probe.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelay.events.MediaInfo;
import io.reelay.events.StreamInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the JSON of {@code ffprobe -print_format json -show_format -show_streams} into a {@link MediaInfo}.
 * ffprobe writes most numbers as strings and uses "N/A" or omits a field when it does not know a value; both
 * become "unknown" here (0 or null) rather than errors.
 */
public final class FfprobeReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Bit rates an encoder declares (rather than ffprobe computing them from the index) may be a little high.
    private static final double TRUNCATION_TOLERANCE = 1.05;

    /** The report could not be read as ffprobe JSON. */
    public static final class UnreadableReportException extends RuntimeException {
        UnreadableReportException(String message) {
            super(message);
        }
    }

    private FfprobeReport() {
    }

    public static MediaInfo parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnreadableReportException("ffprobe output is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("format").isObject()) {
            throw new UnreadableReportException("ffprobe output has no format section");
        }
        JsonNode format = root.get("format");
        List<StreamInfo> streams = new ArrayList<>();
        double longestStream = 0;
        for (JsonNode stream : root.path("streams")) {
            streams.add(stream(stream));
            longestStream = Math.max(longestStream, number(stream, "duration", 0));
        }
        double duration = number(format, "duration", 0);
        return MediaInfo.newBuilder()
                .setContainer(text(format, "format_name", "unknown"))
                // Raw elementary streams have no container duration; their streams may still know it.
                .setDurationSeconds(duration > 0 ? duration : longestStream)
                .setSizeBytes((long) number(format, "size", 0))
                .setBitrate((long) number(format, "bit_rate", 0))
                .setStreams(streams)
                .build();
    }

    /**
     * Whether an MP4/MOV source is cut short. Its index (the moov box) names every sample, and ffprobe reports each
     * stream's bit rate as the bytes the index lists over the stream's duration; a file holding clearly fewer bytes
     * than its own index lists is incomplete, typically an upload that was cut off. Other containers carry no such
     * index, so they are not judged.
     *
     * @return what is missing, or empty when the source is whole or cannot be judged
     */
    public static Optional<String> truncation(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        JsonNode format = root.path("format");
        long size = (long) number(format, "size", 0);
        if (!text(format, "format_name", "").contains("mp4") || size <= 0) {
            return Optional.empty();
        }
        double indexedBytes = 0;
        for (JsonNode stream : root.path("streams")) {
            indexedBytes += number(stream, "bit_rate", 0) / 8 * number(stream, "duration", 0);
        }
        if (indexedBytes <= size * TRUNCATION_TOLERANCE) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "its index lists %,d bytes of media but the file holds %,d",
                (long) indexedBytes, size));
    }

    /** Rounds a display rotation to a quarter turn in [0, 360): ffprobe reports -90, 270.00 or 90 alike. */
    static int normaliseRotation(double degrees) {
        long quarterTurns = Math.round(degrees / 90.0);
        return (int) Math.floorMod(quarterTurns * 90, 360L);
    }

    private static StreamInfo stream(JsonNode stream) {
        String type = text(stream, "codec_type", "data");
        // Cover art in audio files shows up as a one-frame video stream; it is not video to transcode.
        if ("video".equals(type) && stream.path("disposition").path("attached_pic").asInt() == 1) {
            type = "attachment";
        }
        return StreamInfo.newBuilder()
                .setIndex(stream.path("index").asInt())
                .setType(type)
                .setCodec(text(stream, "codec_name", "unknown"))
                .setWidth(positiveInt(stream, "width"))
                .setHeight(positiveInt(stream, "height"))
                .setRotation(rotation(stream))
                .setFrameRate(frameRate(stream.path("avg_frame_rate").asText("")))
                .setBitrate(positiveLong(stream, "bit_rate"))
                .setChannels(positiveInt(stream, "channels"))
                .setSampleRate(positiveInt(stream, "sample_rate"))
                .setLanguage(language(stream.path("tags").path("language").asText("")))
                .build();
    }

    private static int rotation(JsonNode stream) {
        for (JsonNode sideData : stream.path("side_data_list")) {
            if ("Display Matrix".equals(sideData.path("side_data_type").asText()) && sideData.has("rotation")) {
                return normaliseRotation(sideData.get("rotation").asDouble());
            }
        }
        // Files written before display matrices were exposed carry the rotation as a metadata tag.
        JsonNode rotateTag = stream.path("tags").path("rotate");
        return rotateTag.isMissingNode() ? 0 : normaliseRotation(rotateTag.asDouble());
    }

    /** "30000/1001" to 29.97; ffprobe writes "0/0" for streams without a frame rate. */
    static Double frameRate(String ratio) {
        String[] parts = ratio.split("/");
        try {
            double numerator = Double.parseDouble(parts[0]);
            double denominator = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return numerator > 0 && denominator > 0 ? numerator / denominator : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String language(String tag) {
        // "und" is ISO 639-2 for "undetermined": ffmpeg writes it when no language was set.
        return tag.isBlank() || "und".equals(tag) ? null : tag;
    }

    private static String text(JsonNode node, String field, String fallback) {
        String value = node.path(field).asText("");
        return value.isBlank() ? fallback : value;
    }

    private static double number(JsonNode node, String field, double fallback) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            double parsed = Double.parseDouble(value.asText(""));
            return Double.isFinite(parsed) ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Integer positiveInt(JsonNode node, String field) {
        double value = number(node, field, 0);
        return value > 0 && value <= Integer.MAX_VALUE ? (int) value : null;
    }

    private static Long positiveLong(JsonNode node, String field) {
        double value = number(node, field, 0);
        return value > 0 ? (long) value : null;
    }
}
