package io.reelay.encode.staging;

import io.reelay.storage.StoreRetries;
import io.reelay.retry.RetryPolicy;
import io.reelay.encode.core.FfmpegCommand;
import io.reelay.encode.core.OnFailure;
import io.reelay.encode.core.OutputAttempt;
import io.reelay.encode.core.Plans;
import io.reelay.encode.core.SourceFacts;
import io.reelay.events.AudioCodec;
import io.reelay.events.FileKind;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputPlan;
import io.reelay.events.Rendition;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.VideoCodec;
import io.reelay.revoke.Revocations;
import io.reelay.storage.StagingLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static io.reelay.encode.core.Plans.rendition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every packaging format with every codec, encoded from a generated clip, staged to a real S3 API and read back
 * over HTTP as a player would. The default suite covers each format and each codec at least once; the whole
 * matrix runs with {@code -Dreelay.fullMatrix=true} (Maven profile {@code full-matrix}).
 */
@Timeout(120)
class PackagingMatrixTest {

    private static final int CLIP_SECONDS = 3;
    private static final double SEGMENT_SECONDS = 1;
    private static final String BUCKET = "reelay-work";
    private static final StagingLayout LAYOUT = new StagingLayout(BUCKET, "staging");
    private static final List<Rendition> LADDER = List.of(rendition("240p", 320, 240, 400_000, 96_000),
            rendition("144p", 192, 144, 150_000, 64_000));
    private static final Map<VideoCodec, String> VIDEO_NAMES = Map.of(VideoCodec.H264, "h264",
            VideoCodec.H265, "hevc", VideoCodec.VP9, "vp9", VideoCodec.AV1, "av1");
    // the generated source's audio is AAC, so a copy is AAC too
    private static final Map<AudioCodec, String> AUDIO_NAMES = Map.of(AudioCodec.AAC, "aac",
            AudioCodec.OPUS, "opus", AudioCodec.COPY, "aac");

    @TempDir
    static Path work;
    static Path clip;
    static S3Server server;
    static S3Client s3;
    static S3ObjectStore store;
    private final PlayerView player = new PlayerView();

    @BeforeAll
    static void startS3AndGenerateSource() throws Exception {
        server = S3Server.startOpenToPlayers();
        s3 = server.client();
        store = new S3ObjectStore(s3, BUCKET, new StoreRetries(new RetryPolicy(0, Duration.ZERO, Duration.ZERO)));
        store.ensureBucket();
        clip = Ffmpeg.generateClip(work.resolve("clip.mp4"), CLIP_SECONDS);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
        server.close();
    }

    static Stream<Arguments> combinations() {
        if (Boolean.getBoolean("reelay.fullMatrix")) {
            List<Arguments> all = new ArrayList<>();
            for (OutputFormat format : OutputFormat.values()) {
                for (VideoCodec video : VideoCodec.values()) {
                    for (AudioCodec audio : AudioCodec.values()) {
                        boolean ts = format == OutputFormat.HLS_TS;
                        if (!ts || (video.ordinal() <= VideoCodec.H265.ordinal() && audio != AudioCodec.OPUS)) {
                            all.add(Arguments.of(format, video, audio));
                        }
                    }
                }
            }
            return all.stream();
        }
        return Stream.of(
                Arguments.of(OutputFormat.HLS_TS, VideoCodec.H264, AudioCodec.AAC),
                Arguments.of(OutputFormat.HLS_TS, VideoCodec.H265, AudioCodec.COPY),
                Arguments.of(OutputFormat.HLS_FMP4, VideoCodec.H265, AudioCodec.OPUS),
                Arguments.of(OutputFormat.DASH, VideoCodec.VP9, AudioCodec.OPUS),
                Arguments.of(OutputFormat.DASH, VideoCodec.AV1, AudioCodec.AAC),
                Arguments.of(OutputFormat.CMAF, VideoCodec.H264, AudioCodec.AAC),
                Arguments.of(OutputFormat.CMAF, VideoCodec.AV1, AudioCodec.COPY));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("combinations")
    void publishesWhatAPlayerReadsBackWholeDecodableAndWithAlignedKeyframes(OutputFormat format, VideoCodec video,
                                                                           AudioCodec audio) throws Exception {
        String outputId = (format + "-" + video + "-" + audio).toLowerCase(Locale.ROOT);
        List<SegmentEncoded> published = encode(Plans.plan(outputId, format, video, audio, SEGMENT_SECONDS, true,
                LADDER));

        SegmentEncoded last = published.get(published.size() - 1);
        assertThat(last.getFailure()).as("failure").isNull();
        boolean dash = format == OutputFormat.DASH || format == OutputFormat.CMAF;
        assertThat(last.getKind()).isEqualTo(dash ? FileKind.MANIFEST : FileKind.MASTER_PLAYLIST);
        URI manifest = url(outputId, last.getPath());
        List<PlayerView.Track> tracks = dash ? player.dash(manifest) : player.hls(manifest);
        if (format == OutputFormat.CMAF) {
            List<PlayerView.Track> hlsTracks = player.hls(url(outputId, "master.m3u8"));
            assertThat(files(hlsTracks)).as("files both manifests of a CMAF output name")
                    .containsExactlyInAnyOrderElementsOf(files(tracks));
            assertHasEveryMasterAttribute(player.fetchText(url(outputId, "master.m3u8")));
        } else if (!dash) {
            assertHasEveryMasterAttribute(player.fetchText(manifest));
        }

        assertThat(tracks).hasSize(dash ? LADDER.size() + 1 : LADDER.size());
        assertThat(tracks).allSatisfy(track -> assertThat(track.totalSeconds()).as("duration of %s", track.playlist())
                .isCloseTo(CLIP_SECONDS, within(SEGMENT_SECONDS)));
        List<String> streams = Ffmpeg.streams(manifest.toString());
        assertThat(streams.stream().filter(stream -> stream.endsWith(",video")))
                .containsOnly(VIDEO_NAMES.get(video) + ",video").hasSize(LADDER.size());
        assertThat(streams.stream().filter(stream -> stream.endsWith(",audio")))
                .isNotEmpty().containsOnly(AUDIO_NAMES.get(audio) + ",audio");
        Ffmpeg.decodeAll(manifest.toString());
        List<String> keyframes = Ffmpeg.keyframeTimes(manifest.toString(), 0);
        assertThat(keyframes).hasSize(tracks.get(0).segmentSeconds().size());
        assertThat(Ffmpeg.keyframeTimes(manifest.toString(), 1)).isEqualTo(keyframes);
    }

    private List<SegmentEncoded> encode(OutputPlan plan) throws InterruptedException {
        List<SegmentEncoded> published = new ArrayList<>();
        OutputEncoder encoder = new OutputEncoder(new FfmpegCommand.Settings(Ffmpeg.ffmpegPath(), Plans.FASTEST),
                LAYOUT, store, published::add, new LocalWatermarkImages(),
                new RunningEncodes(new ScratchDirs(work.resolve("scratch")), store, LAYOUT, new Revocations()));
        encoder.encode(new OutputAttempt("job-m", plan.getOutputId(), 1, plan.getDestination(), CLIP_SECONDS), plan,
                new SourceFacts("aac", 25.0, CLIP_SECONDS), clip.toString(), OnFailure.FAIL_OUTPUT);
        assertThat(published).isNotEmpty();
        return published;
    }

    private static void assertHasEveryMasterAttribute(String master) {
        assertThat(master.lines()).contains("#EXT-X-INDEPENDENT-SEGMENTS");
        List<String> variants = master.lines().filter(line -> line.startsWith("#EXT-X-STREAM-INF:")).toList();
        assertThat(variants).hasSize(LADDER.size()).allSatisfy(variant -> assertThat(variant)
                .containsPattern("[:,]BANDWIDTH=\\d+").containsPattern("AVERAGE-BANDWIDTH=\\d+")
                .containsPattern("CODECS=\"[^\"]+\"").containsPattern("FRAME-RATE=25\\.000"));
        assertThat(variants.get(0)).contains("RESOLUTION=320x240");
        assertThat(variants.get(1)).contains("RESOLUTION=192x144");
    }

    private static List<URI> files(List<PlayerView.Track> tracks) {
        return tracks.stream().flatMap(track -> track.files().stream()).map(URI::normalize).toList();
    }

    private static URI url(String outputId, String path) {
        return server.publicUrl(BUCKET, LAYOUT.keyOf("job-m", outputId, 1, path));
    }
}
