package io.reelay.encode.core;

import io.reelay.events.Watermark;

/**
 * A watermark as filter graph pieces, shared by renditions and thumbnails. The image is scaled to a fraction of the
 * picture's width (its height keeps the image's aspect), made translucent, and anchored to a corner or the centre
 * with a margin that is also a fraction of the width, so the mark looks the same at every picture size.
 */
public final class WatermarkOverlay {

    private WatermarkOverlay() {
    }

    /** {@code [in]scale=w:-1,format=rgba,colorchannelmixer=aa=o}: the image ready to lay over a picture. */
    public static String image(Watermark watermark, String input, int pictureWidth) {
        long width = Math.max(1, Math.round(pictureWidth * watermark.getWidthRatio()));
        // the alpha channel has to exist before it can be scaled down; a JPEG logo has none of its own
        return input + "scale=" + width + ":-1,format=rgba,colorchannelmixer=aa="
                + FfmpegCommand.decimal(Math.max(0, Math.min(1, watermark.getOpacity())));
    }

    /** {@code overlay=x:y} placing the prepared image on a picture {@code pictureWidth} wide. */
    public static String overlay(Watermark watermark, int pictureWidth) {
        long margin = Math.round(pictureWidth * watermark.getMarginRatio());
        String right = "main_w-overlay_w-" + margin;
        String bottom = "main_h-overlay_h-" + margin;
        return "overlay=" + switch (watermark.getPosition()) {
            case TOP_LEFT -> margin + ":" + margin;
            case TOP_RIGHT -> right + ":" + margin;
            case BOTTOM_LEFT -> margin + ":" + bottom;
            case BOTTOM_RIGHT -> right + ":" + bottom;
            case CENTER -> "(main_w-overlay_w)/2:(main_h-overlay_h)/2";
        };
    }
}
