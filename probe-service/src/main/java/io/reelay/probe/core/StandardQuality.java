package io.reelay.probe.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The named rungs a job may ask for. The number is the short side of the frame, so a vertical source's 720p is
 * 720 pixels wide. Bitrates are H.264 targets for typical content; other codecs encode smaller at the same target.
 */
enum StandardQuality {
    P144(144, 200_000),
    P240(240, 400_000),
    P360(360, 800_000),
    P480(480, 1_400_000),
    P720(720, 2_800_000),
    P1080(1080, 5_000_000),
    P1440(1440, 8_000_000),
    P2160(2160, 14_000_000);

    private static final int LOW_AUDIO_BITRATE = 96_000;
    private static final int HIGH_AUDIO_BITRATE = 128_000;

    final int shortSide;
    final int videoBitrate;

    StandardQuality(int shortSide, int videoBitrate) {
        this.shortSide = shortSide;
        this.videoBitrate = videoBitrate;
    }

    String label() {
        return shortSide + "p";
    }

    /** Audio matters less in the small rungs that phones on weak networks fall back to. */
    static int audioBitrateFor(int shortSide) {
        return shortSide >= P480.shortSide ? HIGH_AUDIO_BITRATE : LOW_AUDIO_BITRATE;
    }

    /** A default video bitrate for any size: linear between the neighbouring standard rungs, clamped at the ends. */
    static int videoBitrateFor(int shortSide) {
        StandardQuality below = P144;
        for (StandardQuality above : values()) {
            if (above.shortSide >= shortSide) {
                if (above == below || above.shortSide == shortSide) {
                    return above.videoBitrate;
                }
                double position = (double) (shortSide - below.shortSide) / (above.shortSide - below.shortSide);
                return (int) Math.round(below.videoBitrate + position * (above.videoBitrate - below.videoBitrate));
            }
            below = above;
        }
        return P2160.videoBitrate;
    }

    static Optional<StandardQuality> named(String name) {
        String label = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(quality -> quality.label().equals(label)).findFirst();
    }
}
