package io.reelay.encode.core;

import io.reelay.events.Rendition;

import java.util.ArrayList;
import java.util.List;

/** H.265 through libx265, Main profile, constrained VBR. */
final class X265Encoder implements VideoEncoder {

    private final String preset;

    X265Encoder(String preset) {
        this.preset = preset;
    }

    @Override
    public List<String> sharedArgs(Container container) {
        List<String> args = new ArrayList<>(List.of("-c:v", "libx265", "-preset", preset, "-profile:v", "main",
                "-pix_fmt", "yuv420p",
                // a forced keyframe must be an IDR: x265 would otherwise make it an open-GOP CRA whose leading
                // pictures reference the previous segment
                "-forced-idr", "1",
                "-x265-params", "scenecut=0:open-gop=0:log-level=error"));
        if (container == Container.FMP4) {
            // hvc1, not ffmpeg's default hev1: parameter sets in the init segment, which Apple players require
            args.addAll(List.of("-tag:v", "hvc1"));
        }
        return args;
    }

    @Override
    public List<String> streamArgs(int index, Rendition rendition) {
        return RateControl.constrained(index, rendition);
    }

    @Override
    public String codecsAttribute() {
        // Main profile, Main tier, level 4.0
        return "hvc1.1.6.L120.90";
    }
}
