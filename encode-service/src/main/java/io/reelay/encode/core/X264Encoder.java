package io.reelay.encode.core;

import io.reelay.events.Rendition;

import java.util.List;

/** H.264 through libx264, High profile, constrained VBR. */
final class X264Encoder implements VideoEncoder {

    private final String preset;

    X264Encoder(String preset) {
        this.preset = preset;
    }

    @Override
    public List<String> sharedArgs(Container container) {
        return List.of("-c:v", "libx264", "-preset", preset, "-profile:v", "high", "-pix_fmt", "yuv420p",
                // no extra keyframes on scene cuts: keyframes come only where segments start, in every rendition
                "-sc_threshold", "0");
    }

    @Override
    public List<String> streamArgs(int index, Rendition rendition) {
        return RateControl.constrained(index, rendition);
    }

    @Override
    public String codecsAttribute() {
        // High profile, level 4.0: what players assume for an unlabelled H.264 stream up to 1080p30
        return "avc1.640028";
    }
}
