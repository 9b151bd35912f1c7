package io.reelay.encode.core;

import io.reelay.events.Rendition;

import java.util.List;

/** H.264 through libx264, constrained VBR so that every rendition stays within its HLS BANDWIDTH. */
final class X264Encoder implements VideoEncoder {

    // VBV: peaks of at most 7 % over the target, smoothed over 1.5 s of video, as common ABR ladders do.
    private static final double MAXRATE_FACTOR = 1.07;
    private static final double BUFSIZE_FACTOR = 1.5;

    @Override
    public List<String> sharedArgs(String preset) {
        return List.of("-c:v", "libx264", "-preset", preset, "-profile:v", "high", "-pix_fmt", "yuv420p",
                // no extra keyframes on scene cuts: keyframes come only where segments start, in every rendition
                "-sc_threshold", "0");
    }

    @Override
    public List<String> streamArgs(int index, Rendition rendition) {
        long bitrate = rendition.getVideoBitrate();
        return List.of("-b:v:" + index, Long.toString(bitrate),
                "-maxrate:v:" + index, Long.toString(Math.round(bitrate * MAXRATE_FACTOR)),
                "-bufsize:v:" + index, Long.toString(Math.round(bitrate * BUFSIZE_FACTOR)));
    }

    @Override
    public String codecsAttribute() {
        // High profile, level 4.0: what players assume for an unlabelled H.264 stream up to 1080p30
        return "avc1.640028";
    }
}
