package io.reelay.encode.core;

import io.reelay.events.Rendition;

import java.util.List;

/** Per-stream bitrate options shared by the video encoders. */
final class RateControl {

    // VBV: peaks of at most 7 % over the target, smoothed over 1.5 s of video, as common ABR ladders do.
    private static final double MAXRATE_FACTOR = 1.07;
    private static final double BUFSIZE_FACTOR = 1.5;

    private RateControl() {
    }

    /** Constrained VBR, so that every rendition stays within the bandwidth its manifest announces. */
    static List<String> constrained(int index, Rendition rendition) {
        long bitrate = rendition.getVideoBitrate();
        return List.of("-b:v:" + index, Long.toString(bitrate),
                "-maxrate:v:" + index, Long.toString(Math.round(bitrate * MAXRATE_FACTOR)),
                "-bufsize:v:" + index, Long.toString(Math.round(bitrate * BUFSIZE_FACTOR)));
    }

    /** Average bitrate only, for encoders that accept a peak only in constant-quality mode. */
    static List<String> average(int index, Rendition rendition) {
        return List.of("-b:v:" + index, Integer.toString(rendition.getVideoBitrate()));
    }
}
