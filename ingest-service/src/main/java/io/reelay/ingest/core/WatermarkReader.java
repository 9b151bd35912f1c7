package io.reelay.ingest.core;

import io.reelay.events.ObjectLocation;
import io.reelay.events.Watermark;
import io.reelay.events.WatermarkPosition;

import java.util.List;
import java.util.Locale;

/**
 * Reads a {@code watermark} part of a submission: the image's location, the corner (or centre) it is anchored to,
 * and its margin, opacity and width. Margin and width are fractions of the video width, so one request fits every
 * rendition. Whether the image exists is only known when encode looks it up; then a missing one fails the output.
 */
final class WatermarkReader {

    static final double DEFAULT_MARGIN = 0.02;
    static final double DEFAULT_OPACITY = 1.0;
    static final double DEFAULT_WIDTH = 0.1;

    private WatermarkReader() {
    }

    /**
     * @param field  the JSON path of the watermark, for error messages (e.g. {@code outputs[0].watermark})
     * @param errors where every problem found is added
     * @return the watermark, or null when there is none or it is invalid (then {@code errors} says why)
     */
    static Watermark read(String field, JobSubmission.Watermark watermark, List<FieldError> errors) {
        if (watermark == null) {
            return null;
        }
        int before = errors.size();
        ObjectLocation image = image(field + ".image", watermark.image(), errors);
        WatermarkPosition position = position(field + ".position", watermark.position(), errors);
        double margin = ratio(field + ".margin", watermark.margin(), DEFAULT_MARGIN, 0, 0.5, errors);
        double opacity = ratio(field + ".opacity", watermark.opacity(), DEFAULT_OPACITY, 0, 1, errors);
        double width = ratio(field + ".width", watermark.width(), DEFAULT_WIDTH, 0.01, 1, errors);
        if (errors.size() > before) {
            return null;
        }
        return Watermark.newBuilder().setImage(image).setPosition(position).setMarginRatio(margin)
                .setOpacity(opacity).setWidthRatio(width).build();
    }

    private static ObjectLocation image(String field, JobSubmission.Location image, List<FieldError> errors) {
        if (image == null) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        boolean missingBucket = image.bucket() == null || image.bucket().isBlank();
        boolean missingKey = image.key() == null || image.key().isBlank();
        if (missingBucket) {
            errors.add(new FieldError(field + ".bucket", "is required"));
        }
        if (missingKey) {
            errors.add(new FieldError(field + ".key", "is required"));
        }
        return missingBucket || missingKey ? null : new ObjectLocation(image.bucket().trim(), image.key());
    }

    private static WatermarkPosition position(String field, String position, List<FieldError> errors) {
        if (position == null || position.isBlank()) {
            return WatermarkPosition.TOP_RIGHT;
        }
        // "bottom-right" reads as naturally as BOTTOM_RIGHT
        String name = position.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return WatermarkPosition.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            errors.add(new FieldError(field, "unknown value '" + position + "'; one of "
                    + List.of(WatermarkPosition.values())));
            return null;
        }
    }

    private static double ratio(String field, Double value, double defaultValue, double min, double max,
                                List<FieldError> errors) {
        if (value == null) {
            return defaultValue;
        }
        if (!(value >= min && value <= max)) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
        }
        return value;
    }
}
