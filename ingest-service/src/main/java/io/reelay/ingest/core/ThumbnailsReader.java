package io.reelay.ingest.core;

import io.reelay.events.ImageFormat;
import io.reelay.events.ObjectLocation;
import io.reelay.events.ThumbnailsRequest;
import io.reelay.events.Watermark;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code thumbnails} part of a submission: capture times given as seconds ({@code 3}, {@code 1.5},
 * {@code "2.25"}) or as clock times ({@code "00:01:02.500"}, {@code "01:02.5"}), an optional size and the image
 * format, and an optional watermark laid over every image. Whether a time lies within the source is only known once
 * the source is probed, so that is probe's call.
 */
final class ThumbnailsReader {

    static final String OUTPUT_ID = "thumbnails";
    static final int MAX_TIMES = 50;
    static final int MAX_WIDTH = 7680;
    static final int MAX_HEIGHT = 4320;
    static final int MIN_SIDE = 16;

    // [[HH:]MM:]SS[.fraction]; minutes and seconds stay below 60 once a larger unit precedes them
    private static final Pattern CLOCK_TIME = Pattern.compile("(?:(?:(\\d+):)?(\\d+):)?(\\d+(?:\\.\\d+)?)");

    private final List<FieldError> errors;

    private ThumbnailsReader(List<FieldError> errors) {
        this.errors = errors;
    }

    /**
     * @param destination the destination already read by the caller, null when it was invalid
     * @param errors      where every problem found is added
     * @return the request, or null when the submission has no valid one (then {@code errors} says why)
     */
    static ThumbnailsRequest read(JobSubmission.Thumbnails thumbnails, ObjectLocation destination,
                                  List<FieldError> errors) {
        return new ThumbnailsReader(errors).request(thumbnails, destination);
    }

    private ThumbnailsRequest request(JobSubmission.Thumbnails thumbnails, ObjectLocation destination) {
        List<Double> times = times(thumbnails.times());
        int width = side("thumbnails.width", thumbnails.width(), MAX_WIDTH);
        int height = side("thumbnails.height", thumbnails.height(), MAX_HEIGHT);
        ImageFormat format = format(thumbnails.format());
        Watermark watermark = WatermarkReader.read("thumbnails.watermark", thumbnails.watermark(), errors);
        if (destination == null || format == null) {
            return null;
        }
        return ThumbnailsRequest.newBuilder()
                .setOutputId(OUTPUT_ID)
                .setTimesSeconds(times)
                .setWidth(width)
                .setHeight(height)
                .setFormat(format)
                .setDestination(destination)
                .setWatermark(watermark)
                .build();
    }

    private List<Double> times(List<Object> times) {
        if (times == null || times.isEmpty()) {
            errors.add(new FieldError("thumbnails.times", "at least one time is required"));
            return List.of();
        }
        if (times.size() > MAX_TIMES) {
            errors.add(new FieldError("thumbnails.times", "at most " + MAX_TIMES + " times per job"));
        }
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            String field = "thumbnails.times[" + i + "]";
            Double time = seconds(times.get(i));
            if (time == null) {
                errors.add(new FieldError(field,
                        "must be seconds (e.g. 1.5) or HH:MM:SS.mmm, was '" + times.get(i) + "'"));
            } else if (time < 0) {
                errors.add(new FieldError(field, "must not be negative"));
            } else {
                seconds.add(time);
            }
        }
        return seconds;
    }

    /** Seconds of a JSON number or time string; null when it is neither. */
    static Double seconds(Object value) {
        if (value instanceof Number number) {
            double seconds = number.doubleValue();
            return Double.isFinite(seconds) ? seconds : null;
        }
        if (!(value instanceof String text)) {
            return null;
        }
        String trimmed = text.trim();
        boolean negative = trimmed.startsWith("-");
        Matcher clock = CLOCK_TIME.matcher(negative ? trimmed.substring(1) : trimmed);
        if (!clock.matches()) {
            return null;
        }
        long hours = clock.group(1) == null ? 0 : Long.parseLong(clock.group(1));
        long minutes = clock.group(2) == null ? 0 : Long.parseLong(clock.group(2));
        // exact decimal arithmetic: "00:00:01.1" must be 1.1, not 1.0999999
        BigDecimal secondsPart = new BigDecimal(clock.group(3));
        boolean secondsOverflow = clock.group(2) != null && secondsPart.compareTo(BigDecimal.valueOf(60)) >= 0;
        boolean minutesOverflow = clock.group(1) != null && minutes >= 60;
        if (secondsOverflow || minutesOverflow) {
            return null;
        }
        double seconds = secondsPart.add(BigDecimal.valueOf(hours * 3600 + minutes * 60)).doubleValue();
        return negative ? -seconds : seconds;
    }

    /** 0 or absent: derived from the other side and the source's aspect, or the source size when both are. */
    private int side(String field, Integer pixels, int max) {
        if (pixels == null || pixels == 0) {
            return 0;
        }
        if (pixels < MIN_SIDE || pixels > max) {
            errors.add(new FieldError(field, "must be 0 (keep the aspect) or between " + MIN_SIDE + " and " + max));
        }
        return pixels;
    }

    private ImageFormat format(String format) {
        if (format == null || format.isBlank()) {
            return ImageFormat.JPEG;
        }
        return switch (format.trim().toUpperCase(Locale.ROOT)) {
            case "JPEG", "JPG" -> ImageFormat.JPEG;
            case "WEBP" -> ImageFormat.WEBP;
            default -> {
                errors.add(new FieldError("thumbnails.format", "unknown value '" + format + "'; one of [JPEG, WEBP]"));
                yield null;
            }
        };
    }
}
