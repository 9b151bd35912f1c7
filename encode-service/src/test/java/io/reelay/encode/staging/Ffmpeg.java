package io.reelay.encode.staging;

import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.ffmpeg.ffprobe;
import org.bytedeco.javacpp.Loader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real ffmpeg and ffprobe of the build, for generating sources and inspecting outputs in tests. */
public final class Ffmpeg {

    private static final long DEADLINE_SECONDS = 60;

    private Ffmpeg() {
    }

    public static String ffmpegPath() {
        return Loader.load(ffmpeg.class);
    }

    /** The processes this JVM started that are still running and have {@code text} in their command line. */
    public static List<ProcessHandle> runningWith(String text) {
        return ProcessHandle.current().children()
                .filter(process -> process.info().commandLine().orElse("").contains(text))
                .toList();
    }

    /** A test pattern with a tone: seconds long, 320x240 at 25 fps, H.264 + AAC in MP4. */
    public static Path generateClip(Path file, int seconds) throws IOException, InterruptedException {
        run(List.of(ffmpegPath(), "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-t", Integer.toString(seconds), "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac",
                file.toString()));
        return file;
    }

    /** {@code pts_time,flags} of every video packet of the file, in decoding order. */
    static List<String> videoPackets(Path file) throws IOException, InterruptedException {
        return run(List.of(Loader.load(ffprobe.class), "-v", "error", "-select_streams", "v:0",
                "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", file.toString()));
    }

    /** A PNG of one colour (an ffmpeg colour name such as red), for watermark tests. */
    static Path solidImage(Path file, String color, int width, int height) throws IOException, InterruptedException {
        run(List.of(ffmpegPath(), "-v", "error", "-y", "-f", "lavfi", "-i",
                "color=c=" + color + ":s=" + width + "x" + height, "-frames:v", "1", file.toString()));
        return file;
    }

    /** {@code codec,width,height} of the first video stream of a file (an image, for instance). */
    static String videoStream(Path file) throws IOException, InterruptedException {
        return run(List.of(Loader.load(ffprobe.class), "-v", "error", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", file.toString())).get(0);
    }

    /** Runs ffmpeg with these arguments after the usual quiet, overwriting flags; returns the last argument. */
    static Path ffmpeg(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ffmpegPath(), "-v", "error", "-y"));
        command.addAll(List.of(args));
        run(command);
        return Path.of(args[args.length - 1]);
    }

    /** {@code codec_name,codec_type} of every stream ffprobe finds in a manifest, URL or file, in stream order. */
    static List<String> streams(String input) throws IOException, InterruptedException {
        // a manifest's streams are listed once per program too: keep one line per stream index
        return run(List.of(Loader.load(ffprobe.class), "-v", "error",
                "-show_entries", "stream=index,codec_name,codec_type", "-of", "csv=p=0", input)).stream()
                .distinct()
                .map(stream -> stream.substring(stream.indexOf(',') + 1))
                .toList();
    }

    /** Presentation times of the keyframes of one video stream of a manifest, URL or file. */
    static List<String> keyframeTimes(String input, int videoStream) throws IOException, InterruptedException {
        return run(List.of(Loader.load(ffprobe.class), "-v", "error", "-select_streams", "v:" + videoStream,
                "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", input)).stream()
                .filter(packet -> packet.split(",")[1].startsWith("K"))
                .map(packet -> packet.split(",")[0])
                .toList();
    }

    /** Decodes every stream of a manifest, URL or file to nothing; fails on the first error ffmpeg meets. */
    static void decodeAll(String input) throws IOException, InterruptedException {
        run(List.of(ffmpegPath(), "-v", "error", "-xerror", "-i", input, "-map", "0", "-f", "null", "-"));
    }

    private static List<String> run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>(new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList());
        assertThat(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("finished in time: %s", command).isTrue();
        assertThat(process.exitValue()).as("exit code of %s", command).isZero();
        return lines;
    }
}
