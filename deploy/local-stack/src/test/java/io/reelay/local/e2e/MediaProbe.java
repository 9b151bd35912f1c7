package io.reelay.local.e2e;

import org.bytedeco.javacpp.Loader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the bundled ffmpeg/ffprobe the way a test needs them: to make sources and to read outputs back. */
public final class MediaProbe {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private MediaProbe() {
    }

    public static String ffmpeg() {
        return Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    }

    static String ffprobe() {
        return Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
    }

    /** A test clip with moving video and a tone, long enough for several segments. */
    public static void generateClip(Path target, int width, int height, int seconds) throws IOException, InterruptedException {
        Result result = run(List.of(ffmpeg(), "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", String.valueOf(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-shortest", target.toString()));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("could not generate clip: " + result.stderr());
        }
    }

    /** key_frame flag of every video frame in a file (1 = key frame), in decode order. */
    static List<Integer> keyFrameFlags(Path file) throws IOException, InterruptedException {
        Result result = run(List.of(ffprobe(), "-v", "error", "-select_streams", "v:0", "-show_entries",
                "frame=key_frame", "-of", "csv=p=0", file.toString()));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("ffprobe failed on " + file + ": " + result.stderr());
        }
        List<Integer> flags = new ArrayList<>();
        for (String line : result.stdout().split("\\R")) {
            if (!line.isBlank()) {
                flags.add(Integer.parseInt(line.trim().replace(",", "")));
            }
        }
        return flags;
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).start();
        var stdout = process.getInputStream();
        var stderr = process.getErrorStream();
        var err = new StringBuilder();
        Thread errReader = new Thread(() -> {
            try {
                err.append(new String(stderr.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process ended; what was read is what we report
            }
        });
        errReader.start();
        String out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        errReader.join();
        return new Result(process.exitValue(), out, err.toString());
    }
}
