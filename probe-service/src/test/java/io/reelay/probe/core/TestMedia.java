package io.reelay.probe.core;

import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.ffmpeg.ffprobe;
import org.bytedeco.javacpp.Loader;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Real media for tests, made by the bundled ffmpeg: small and short, so tests stay fast. */
public final class TestMedia {

    private TestMedia() {
    }

    public static String ffmpegPath() {
        return Loader.load(ffmpeg.class);
    }

    public static String ffprobePath() {
        return Loader.load(ffprobe.class);
    }

    /** A 2 s, 320x240, 25 fps H.264 clip with a mono 48 kHz AAC track tagged English. */
    public static Path clip(Path directory) throws IOException, InterruptedException {
        Path clip = directory.resolve("clip.mp4");
        ProcessResult result = new ProcessRunner().run(List.of(ffmpegPath(), "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
                "-metadata:s:a:0", "language=eng", clip.toString()), Duration.ofSeconds(60));
        if (!result.succeeded()) {
            throw new IllegalStateException("ffmpeg could not make the test clip: " + result.stderr());
        }
        return clip;
    }
}
