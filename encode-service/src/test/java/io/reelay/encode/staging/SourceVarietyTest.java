package io.reelay.encode.staging;

import io.reelay.encode.core.FfmpegCommand;
import io.reelay.encode.core.OnFailure;
import io.reelay.encode.core.OutputAttempt;
import io.reelay.encode.core.Plans;
import io.reelay.encode.core.SourceFacts;
import io.reelay.events.AudioCodec;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputPlan;
import io.reelay.events.Rendition;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.VideoCodec;
import io.reelay.revoke.Revocations;
import io.reelay.storage.StagingLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.reelay.encode.core.Plans.rendition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Sources that are not a plain landscape clip with audio: no audio, a variable frame rate, a rotation flag. */
@Timeout(60)
class SourceVarietyTest {

    private static final StagingLayout LAYOUT = new StagingLayout(LocalObjectStore.BUCKET, "staging");
    private static final int SECONDS = 2;

    @TempDir
    Path work;
    private final List<SegmentEncoded> published = new ArrayList<>();
    private LocalObjectStore store;

    @BeforeEach
    void createStore() {
        store = new LocalObjectStore(work.resolve("bucket"));
    }

    @Test
    void aSourceWithoutAudioBecomesAVideoOnlyDashOutput() throws Exception {
        Path silent = Ffmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "2",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", work.resolve("silent.mp4").toString());

        encode(OutputFormat.DASH, silent, new SourceFacts(null, 25.0, SECONDS),
                List.of(rendition("240p", 320, 240, 300_000, 0)));

        String mpd = Files.readString(staged("dash", "manifest.mpd"));
        assertThat(mpd).contains("contentType=\"video\"").doesNotContain("contentType=\"audio\"");
        assertThat(Ffmpeg.streams(staged("dash", "stream0/init.mp4").toString())).containsExactly("h264,video");
    }

    @Test
    void aVariableFrameRateSourceBecomesConstantRateWithKeyframesOnEverySegment() throws Exception {
        // drops 4 of every 10 frames and keeps the timestamps: frames 40 ms apart, then gaps of 200 ms
        Path vfr = Ffmpeg.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "2",
                "-vf", "select='lt(mod(n\\,10)\\,6)'", "-fps_mode", "vfr", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                work.resolve("vfr.mp4").toString());

        encode(OutputFormat.HLS_FMP4, vfr, new SourceFacts(null, 15.0, SECONDS),
                List.of(rendition("240p", 320, 240, 300_000, 0), rendition("144p", 192, 144, 100_000, 0)));

        Path master = staged("hls_fmp4", "master.m3u8");
        assertThat(Files.readString(master)).contains("FRAME-RATE=15.000");
        List<String> keyframes = Ffmpeg.keyframeTimes(master.toString(), 0);
        assertThat(keyframes).hasSize(SECONDS).isEqualTo(Ffmpeg.keyframeTimes(master.toString(), 1));
        List<Double> times = Ffmpeg.videoPackets(staged("hls_fmp4", "240p/playlist.m3u8")).stream()
                .map(packet -> Double.parseDouble(packet.split(",")[0])).sorted().toList();
        assertThat(times).hasSizeGreaterThan(20);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).as("frame interval").isCloseTo(1.0 / 15, within(0.002));
        }
    }

    @Test
    void aRotatedSourceIsEncodedAsItIsDisplayed() throws Exception {
        // red left half, blue right half, stored landscape with a flag asking players to turn it a quarter
        Path landscape = Ffmpeg.ffmpeg("-f", "lavfi", "-i", "color=red:size=160x240:rate=25",
                "-f", "lavfi", "-i", "color=blue:size=160x240:rate=25", "-filter_complex", "hstack", "-t", "2",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", work.resolve("landscape.mp4").toString());
        Path rotated = Ffmpeg.ffmpeg("-display_rotation", "90", "-i", landscape.toString(), "-c", "copy",
                work.resolve("rotated.mp4").toString());

        encode(OutputFormat.HLS_TS, rotated, new SourceFacts(null, 25.0, SECONDS),
                List.of(rendition("portrait", 240, 320, 300_000, 0)));

        Path frame = Ffmpeg.ffmpeg("-i", staged("hls_ts", "portrait/playlist.m3u8").toString(), "-frames:v", "1",
                "-vf", "scale=2:2:flags=neighbor,format=rgb24", work.resolve("frame.ppm").toString());
        byte[] ppm = Files.readAllBytes(frame);
        byte[] pixels = Arrays.copyOfRange(ppm, ppm.length - 12, ppm.length);
        int[] topLeft = rgb(pixels, 0);
        int[] topRight = rgb(pixels, 1);
        int[] bottomLeft = rgb(pixels, 2);
        assertThat(topLeft).as("the top row is one colour once turned").isEqualTo(topRight);
        assertThat(topLeft).as("the halves are now top and bottom").isNotEqualTo(bottomLeft);
    }

    private void encode(OutputFormat format, Path source, SourceFacts facts, List<Rendition> ladder)
            throws InterruptedException {
        String outputId = format.name().toLowerCase();
        OutputPlan plan = Plans.plan(outputId, format, VideoCodec.H264, AudioCodec.AAC, 1, facts.hasAudio(), ladder);
        OutputEncoder encoder = new OutputEncoder(new FfmpegCommand.Settings(Ffmpeg.ffmpegPath(), Plans.FASTEST),
                LAYOUT, store, published::add, new LocalWatermarkImages(),
                new RunningEncodes(new ScratchDirs(work.resolve("scratch")), store, LAYOUT, new Revocations()));
        encoder.encode(new OutputAttempt("job-s", outputId, 1, plan.getDestination(), SECONDS), plan, facts,
                source.toString(), OnFailure.FAIL_OUTPUT);
        assertThat(published.get(published.size() - 1).getFailure()).as("failure").isNull();
    }

    private Path staged(String outputId, String path) {
        return store.fileOf(LAYOUT.keyOf("job-s", outputId, 1, path));
    }

    /** Red, green, blue of pixel i, each rounded to "on" or "off" so codec noise does not matter. */
    private static int[] rgb(byte[] pixels, int i) {
        return new int[] {(pixels[3 * i] & 0xff) / 128, (pixels[3 * i + 1] & 0xff) / 128,
                (pixels[3 * i + 2] & 0xff) / 128};
    }
}
