package io.reelay.encode.core;

/**
 * Speed/quality trade-off of each video encoder. Slower settings give smaller files at the same quality.
 *
 * @param x264        libx264 preset (ultrafast ... veryslow)
 * @param x265        libx265 preset (ultrafast ... veryslow)
 * @param vp9Deadline libvpx-vp9 deadline: good, or realtime for the fastest speeds
 * @param vp9CpuUsed  libvpx-vp9 speed, 0 (slowest) to 5 with good and up to 8 with realtime
 * @param av1Preset   libsvtav1 preset, 0 (slowest) to 13
 */
public record EncoderPresets(String x264, String x265, String vp9Deadline, int vp9CpuUsed, int av1Preset) {
}
