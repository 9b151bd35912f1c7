package io.reelay.encode.core;

import io.reelay.events.Rendition;

import java.util.List;

/** VP9 through libvpx, profile 0 (8-bit 4:2:0), constrained VBR. */
final class Vp9Encoder implements VideoEncoder {

    private final String deadline;
    private final int cpuUsed;

    Vp9Encoder(String deadline, int cpuUsed) {
        this.deadline = deadline;
        this.cpuUsed = cpuUsed;
    }

    @Override
    public List<String> sharedArgs(Container container) {
        return List.of("-c:v", "libvpx-vp9", "-deadline", deadline, "-cpu-used", Integer.toString(cpuUsed),
                // row multithreading: without it libvpx uses one core for small frames
                "-row-mt", "1", "-pix_fmt", "yuv420p");
    }

    @Override
    public List<String> streamArgs(int index, Rendition rendition) {
        return RateControl.constrained(index, rendition);
    }

    @Override
    public String codecsAttribute() {
        // profile 0, level 4.0, 8 bits
        return "vp09.00.40.08";
    }
}
