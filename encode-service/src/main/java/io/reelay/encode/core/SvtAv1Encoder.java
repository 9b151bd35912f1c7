package io.reelay.encode.core;

import io.reelay.events.Rendition;

import java.util.List;

/** AV1 through SVT-AV1, Main profile, VBR at the rendition's bitrate. */
final class SvtAv1Encoder implements VideoEncoder {

    private final int preset;

    SvtAv1Encoder(int preset) {
        this.preset = preset;
    }

    @Override
    public List<String> sharedArgs(Container container) {
        return List.of("-c:v", "libsvtav1", "-preset", Integer.toString(preset), "-pix_fmt", "yuv420p",
                // scd=0: no keyframes on scene changes, only the forced ones at segment boundaries
                "-svtav1-params", "scd=0");
    }

    @Override
    public List<String> streamArgs(int index, Rendition rendition) {
        // SVT-AV1 refuses a maximum bitrate outside constant-quality mode
        return RateControl.average(index, rendition);
    }

    @Override
    public String codecsAttribute() {
        // Main profile, level 4.0, Main tier, 8 bits
        return "av01.0.08M.08";
    }
}
