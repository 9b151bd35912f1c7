package io.reelay.probe.core;

import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.ffmpeg.ffprobe;
import org.bytedeco.javacpp.Loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

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
        return ffmpeg(directory.resolve("clip.mp4"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
                "-metadata:s:a:0", "language=eng");
    }

    /** A 2 s AAC track in an MP4 container, and nothing else. */
    public static Path audioOnly(Path directory) throws IOException, InterruptedException {
        return ffmpeg(directory.resolve("voice.mp4"), "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", "2", "-c:a", "aac");
    }

    /**
     * The first half of a 4 s clip, as an upload cut off midway leaves it.
     *
     * @param indexFirst true to write the MP4 index (moov) before the media ("faststart"), so the half still has it;
     *                   false leaves it at the end, where it is cut off
     */
    public static Path truncated(Path directory, boolean indexFirst) throws IOException, InterruptedException {
        String name = indexFirst ? "half-indexed.mp4" : "half.mp4";
        List<String> movflags = indexFirst ? List.of("-movflags", "+faststart") : List.of();
        List<String> arguments = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"));
        arguments.addAll(movflags);
        Path whole = ffmpeg(directory.resolve("whole-" + name), arguments.toArray(String[]::new));
        byte[] bytes = Files.readAllBytes(whole);
        return Files.write(directory.resolve(name), Arrays.copyOf(bytes, bytes.length / 2));
    }

    /** Bytes that are no media format at all; the same every time. */
    public static byte[] randomBytes() {
        byte[] bytes = new byte[64 * 1024];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static Path ffmpeg(Path output, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ffmpegPath(), "-v", "error", "-y"));
        command.addAll(List.of(arguments));
        command.add(output.toString());
        ProcessResult result = new ProcessRunner().run(command, Duration.ofSeconds(60));
        if (!result.succeeded()) {
            throw new IllegalStateException("ffmpeg could not make " + output.getFileName() + ": " + result.stderr());
        }
        return output;
    }
}
