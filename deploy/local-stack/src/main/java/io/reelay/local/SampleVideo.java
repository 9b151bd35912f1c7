package io.reelay.local;

import org.bytedeco.javacpp.Loader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A short synthetic clip to try the pipeline with: a moving test pattern and a tone, like a camera original. */
final class SampleVideo {

    static final int SECONDS = 10;
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private SampleVideo() {
    }

    /** Encodes the clip to {@code target} with the bundled ffmpeg ({@code FFMPEG_BIN} overrides it). */
    static Path generate(Path target, Path logFile) {
        return generate(target, logFile, SECONDS);
    }

    /** As {@link #generate(Path, Path)}, {@code seconds} long. */
    static Path generate(Path target, Path logFile, int seconds) {
        try (ManagedProcess ffmpeg = ManagedProcess.start("sample ffmpeg", command(ffmpegBinary(), target, seconds),
                Map.of(), target.toAbsolutePath().getParent(), logFile)) {
            int exit = ffmpeg.awaitExit(TIMEOUT);
            if (exit != 0) {
                throw new IllegalStateException("ffmpeg could not generate the sample (exit " + exit + "); see " + logFile);
            }
            return target;
        }
    }

    /** 1080p30 H.264 with AAC stereo in an MP4 whose index is up front, so a probe reads it without seeking. */
    static List<String> command(String ffmpeg, Path target, int seconds) {
        return List.of(ffmpeg, "-hide_banner", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "128k", "-ac", "2",
                "-movflags", "+faststart", "-shortest",
                target.toString());
    }

    static String ffmpegBinary() {
        String configured = System.getenv("FFMPEG_BIN");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    }
}
