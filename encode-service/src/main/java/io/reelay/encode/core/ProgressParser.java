package io.reelay.encode.core;

import java.util.Optional;

/**
 * Reads the key=value lines ffmpeg prints with {@code -progress}. A block of keys ends with a
 * {@code progress=continue} line, the final block with {@code progress=end}; the parser yields one
 * {@link Progress} per block. Not thread-safe: one parser per ffmpeg run.
 */
public final class ProgressParser {

    private static final double MICROS_PER_SECOND = 1_000_000d;

    private double encodedSeconds;
    private double speed;

    /** Feeds one line; returns the report when the line closes a block. */
    public Optional<Progress> accept(String line) {
        int equals = line.indexOf('=');
        if (equals < 0) {
            return Optional.empty();
        }
        String key = line.substring(0, equals).trim();
        String value = line.substring(equals + 1).trim();
        switch (key) {
            // out_time_ms is microseconds too, despite its name; it is only the fallback of older builds
            case "out_time_us", "out_time_ms" -> parseDouble(value)
                    .ifPresent(micros -> encodedSeconds = Math.max(0, micros / MICROS_PER_SECOND));
            case "speed" -> speed = parseDouble(value.endsWith("x") ? value.substring(0, value.length() - 1) : value)
                    .orElse(0d);
            case "progress" -> {
                return Optional.of(new Progress(encodedSeconds, speed, "end".equals(value)));
            }
            default -> {
                // frame counts, bitrates and per-stream quantisers are not needed for progress
            }
        }
        return Optional.empty();
    }

    private static Optional<Double> parseDouble(String value) {
        try {
            return Optional.of(Double.parseDouble(value.trim()));
        } catch (NumberFormatException notANumber) {
            // ffmpeg prints N/A before the first packet is written
            return Optional.empty();
        }
    }
}
