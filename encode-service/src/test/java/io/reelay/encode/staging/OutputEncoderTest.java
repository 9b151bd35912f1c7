package io.reelay.encode.staging;

import io.reelay.encode.core.AttemptOutcome;
import io.reelay.encode.core.FfmpegCommand;
import io.reelay.encode.core.MediaPlaylist;
import io.reelay.encode.core.OnFailure;
import io.reelay.encode.core.OutputAttempt;
import io.reelay.encode.core.Plans;
import io.reelay.encode.core.SourceFacts;
import io.reelay.events.FailureReason;
import io.reelay.events.FileKind;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputPlan;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.VideoCodec;
import io.reelay.revoke.Revocations;
import io.reelay.storage.StagingLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static io.reelay.encode.core.Plans.hls;
import static io.reelay.encode.core.Plans.rendition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The encoder with the real ffmpeg on a generated clip; files are staged to a local folder instead of S3. */
@Timeout(120)
class OutputEncoderTest {

    private static final int CLIP_SECONDS = 4;
    private static final StagingLayout LAYOUT = new StagingLayout(LocalObjectStore.BUCKET, "staging");
    private static final OutputPlan TWO_RENDITIONS = hls("hls", 1, true, List.of(
            rendition("240p", 320, 240, 400_000, 96_000), rendition("144p", 192, 144, 150_000, 64_000)));

    @TempDir
    static Path sources;
    static Path clip;

    @TempDir
    Path work;
    private final List<SegmentEncoded> published = new CopyOnWriteArrayList<>();
    private LocalObjectStore store;
    private Path scratchRoot;
    private OutputEncoder encoder;

    @BeforeAll
    static void generateSource() throws Exception {
        clip = Ffmpeg.generateClip(sources.resolve("clip.mp4"), CLIP_SECONDS);
    }

    @BeforeEach
    void createEncoder() {
        store = new LocalObjectStore(work.resolve("bucket"));
        scratchRoot = work.resolve("scratch");
        encoder = new OutputEncoder(new FfmpegCommand.Settings(Ffmpeg.ffmpegPath(), Plans.FASTEST), LAYOUT, store,
                published::add, new LocalWatermarkImages(),
                new RunningEncodes(new ScratchDirs(scratchRoot), store, LAYOUT, new Revocations()));
    }

    @Test
    void encodesEveryRenditionIntoCompleteHlsPlaylists() throws Exception {
        encode(TWO_RENDITIONS);

        for (String rendition : List.of("240p", "144p")) {
            String text = Files.readString(staged(rendition + "/playlist.m3u8"));
            MediaPlaylist playlist = MediaPlaylist.parse(text);
            assertThat(text).contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-MAP:URI=\"init.mp4\"");
            assertThat(playlist.ended()).isTrue();
            assertThat(playlist.segments()).hasSize(CLIP_SECONDS);
            assertThat(playlist.segments()).allSatisfy(segment -> {
                assertThat(segment.durationSeconds()).isCloseTo(1.0, within(0.05));
                assertThat(staged(rendition + "/" + segment.uri())).isNotEmptyFile();
            });
            assertThat(staged(rendition + "/init.mp4")).isNotEmptyFile();
        }
    }

    @Test
    void writesAMasterPlaylistWithBandwidthResolutionAndCodecsPerVariant() throws Exception {
        encode(TWO_RENDITIONS);

        List<String> lines = Files.readAllLines(staged("master.m3u8"));
        List<String> variants = lines.stream().filter(line -> line.startsWith("#EXT-X-STREAM-INF:")).toList();
        assertThat(variants).hasSize(2);
        assertThat(variants.get(0)).contains("RESOLUTION=320x240").containsPattern("CODECS=\"avc1\\.64[0-9a-f]{4},mp4a\\.40\\.2\"");
        assertThat(variants.get(1)).contains("RESOLUTION=192x144").containsPattern("CODECS=\"avc1\\.64[0-9a-f]{4},mp4a\\.40\\.2\"");
        assertThat(variants).allMatch(line -> line.matches(".*[:,]BANDWIDTH=\\d+.*"));
        assertThat(lines).contains("240p/playlist.m3u8", "144p/playlist.m3u8");
    }

    @Test
    void startsEverySegmentOfEveryRenditionWithAKeyframeAtTheSameTime() throws Exception {
        encode(TWO_RENDITIONS);

        List<List<String>> segmentStarts = new ArrayList<>();
        for (String rendition : List.of("240p", "144p")) {
            List<String> starts = new ArrayList<>();
            for (MediaPlaylist.Segment segment : MediaPlaylist.parse(
                    Files.readString(staged(rendition + "/playlist.m3u8"))).segments()) {
                Path playable = work.resolve(rendition + "-" + segment.uri() + ".mp4");
                Files.write(playable, concat(staged(rendition + "/init.mp4"), staged(rendition + "/" + segment.uri())));
                String firstPacket = Ffmpeg.videoPackets(playable).get(0);
                assertThat(firstPacket.split(",")[1]).as("flags of %s/%s", rendition, segment.uri()).startsWith("K");
                starts.add(firstPacket.split(",")[0]);
            }
            segmentStarts.add(starts);
        }
        assertThat(segmentStarts.get(0)).hasSize(CLIP_SECONDS).isEqualTo(segmentStarts.get(1));
    }

    @Test
    void publishesInitBeforeSegmentsAndPlaylistsAfterMediaWithTheMasterLast() throws Exception {
        encode(TWO_RENDITIONS);

        assertThat(published).extracting(SegmentEncoded::getSequence)
                .containsExactlyElementsOf(IntStream.range(0, published.size()).boxed().toList());
        assertThat(published).hasSize(2 * (1 + CLIP_SECONDS) + 2 + 1);
        for (String rendition : List.of("240p", "144p")) {
            List<SegmentEncoded> files = published.stream().filter(e -> rendition.equals(e.getRendition())).toList();
            assertThat(files).extracting(SegmentEncoded::getPath).containsExactly(rendition + "/init.mp4",
                    rendition + "/seg_00000.m4s", rendition + "/seg_00001.m4s", rendition + "/seg_00002.m4s",
                    rendition + "/seg_00003.m4s", rendition + "/playlist.m3u8");
            for (int second = 0; second < CLIP_SECONDS; second++) {
                SegmentEncoded segment = files.get(1 + second);
                assertThat(segment.getKind()).isEqualTo(FileKind.SEGMENT);
                assertThat(segment.getMediaStartSeconds()).isCloseTo(second, within(0.05));
                assertThat(segment.getMediaDurationSeconds()).isCloseTo(1.0, within(0.05));
            }
        }
        int lastMedia = lastIndexOfKind(FileKind.SEGMENT, FileKind.INIT);
        int firstPlaylist = published.indexOf(published.stream()
                .filter(e -> e.getKind() == FileKind.PLAYLIST).findFirst().orElseThrow());
        assertThat(lastMedia).isLessThan(firstPlaylist);
        assertThat(published.subList(0, published.size() - 1)).noneMatch(SegmentEncoded::getLast);
    }

    @Test
    void endsTheOutputWithTheMasterPlaylistCarryingTotalsAndUsage() throws Exception {
        encode(TWO_RENDITIONS);

        SegmentEncoded last = published.get(published.size() - 1);
        assertThat(last.getKind()).isEqualTo(FileKind.MASTER_PLAYLIST);
        assertThat(last.getLast()).isTrue();
        assertThat(last.getPath()).isEqualTo("master.m3u8");
        assertThat(last.getFileCount()).isEqualTo(published.size());
        assertThat(last.getUsage().getObjectCount()).isEqualTo(published.size());
        assertThat(last.getUsage().getBytesWritten())
                .isEqualTo(published.stream().mapToLong(SegmentEncoded::getSizeBytes).sum());
        assertThat(last.getUsage().getCpuSeconds()).isPositive();
        assertThat(last.getUsage().getPeakRssBytes()).isPositive();
        assertThat(last.getUsage().getWallSeconds()).isPositive();
        assertThat(last.getUsage().getEncodedMediaSeconds()).isCloseTo(CLIP_SECONDS, within(0.25));
        assertThat(published).allSatisfy(event -> {
            assertThat(event.getStaged().getKey()).isEqualTo(LAYOUT.keyOf("job-1", "hls", 1, event.getPath()));
            assertThat(event.getSizeBytes()).isEqualTo(Files.size(store.fileOf(event.getStaged().getKey())));
            assertThat(event.getDurationSeconds()).isEqualTo(CLIP_SECONDS);
            assertThat(event.getFailure()).isNull();
        });
        assertThat(scratchRoot).isEmptyDirectory();
    }

    @Test
    void endsTheOutputWithOneFailureCarryingFfmpegsErrorWhenFfmpegFails() throws Exception {
        AttemptOutcome outcome = encoder.encode(attempt(), TWO_RENDITIONS, new SourceFacts("aac", 25.0, CLIP_SECONDS),
                work.resolve("missing.mp4").toString(), OnFailure.FAIL_OUTPUT);

        assertThat(outcome).isEqualTo(AttemptOutcome.FINISHED);

        assertThat(published).hasSize(1);
        SegmentEncoded failure = published.get(0);
        assertThat(failure.getKind()).isEqualTo(FileKind.NONE);
        assertThat(failure.getLast()).isTrue();
        assertThat(failure.getSequence()).isZero();
        assertThat(failure.getFailure().getReason()).isEqualTo(FailureReason.ENCODE_FAILED);
        assertThat(failure.getFailure().getMessage()).startsWith("ffmpeg exited with code")
                .contains("missing.mp4", "No such file or directory");
        assertThat(scratchRoot).isEmptyDirectory();
    }

    @Test
    void publishesNothingWhenFfmpegFailsAndAnotherAttemptFollows() throws Exception {
        AttemptOutcome outcome = encoder.encode(attempt(), TWO_RENDITIONS, new SourceFacts("aac", 25.0, CLIP_SECONDS),
                work.resolve("missing.mp4").toString(), OnFailure.RETRY);

        assertThat(outcome).isEqualTo(AttemptOutcome.FAILED_RETRYABLE);
        assertThat(published).isEmpty();
        assertThat(scratchRoot).isEmptyDirectory();
    }

    @Test
    void failsAnOutputItsContainerCannotCarryWithoutRunningFfmpegOrRetrying() throws Exception {
        OutputPlan vp9InTs = hls("hls", 1, true, TWO_RENDITIONS.getRenditions());
        vp9InTs.setFormat(OutputFormat.HLS_TS);
        vp9InTs.setVideoCodec(VideoCodec.VP9);

        AttemptOutcome outcome = encoder.encode(attempt(), vp9InTs, new SourceFacts("aac", 25.0, CLIP_SECONDS),
                clip.toString(), OnFailure.RETRY);

        assertThat(outcome).isEqualTo(AttemptOutcome.FINISHED);

        assertThat(published).singleElement().satisfies(failure -> {
            assertThat(failure.getKind()).isEqualTo(FileKind.NONE);
            assertThat(failure.getLast()).isTrue();
            assertThat(failure.getFailure().getReason()).isEqualTo(FailureReason.ENCODE_FAILED);
            assertThat(failure.getFailure().getMessage()).isEqualTo("VP9 video cannot be packaged as HLS_TS");
        });
        assertThat(scratchRoot).doesNotExist();
    }

    @Test
    void readsAnHttpSourceToItsEndWhenEveryResponseIsCutShort() throws Exception {
        try (CuttingHttpServer source = CuttingHttpServer.serve(clip, 16 * 1024)) {
            AttemptOutcome outcome = encoder.encode(attempt(), TWO_RENDITIONS,
                    new SourceFacts("aac", 25.0, CLIP_SECONDS), source.url(), OnFailure.FAIL_OUTPUT);

            assertThat(outcome).isEqualTo(AttemptOutcome.FINISHED);
            assertThat(source.cutResponses()).as("responses cut short").isGreaterThan(1);
        }
        assertThat(published.get(published.size() - 1).getFailure()).as("failure").isNull();
        for (String rendition : List.of("240p", "144p")) {
            assertThat(MediaPlaylist.parse(Files.readString(staged(rendition + "/playlist.m3u8"))).segments())
                    .as("segments of " + rendition).hasSize(CLIP_SECONDS);
        }
    }

    private void encode(OutputPlan plan) throws InterruptedException {
        AttemptOutcome outcome = encoder.encode(attempt(), plan, new SourceFacts("aac", 25.0, CLIP_SECONDS),
                clip.toString(), OnFailure.FAIL_OUTPUT);
        assertThat(outcome).isEqualTo(AttemptOutcome.FINISHED);
        assertThat(published).isNotEmpty();
        assertThat(published.get(published.size() - 1).getFailure()).as("failure").isNull();
    }

    private static OutputAttempt attempt() {
        return new OutputAttempt("job-1", "hls", 1, TWO_RENDITIONS.getDestination(), CLIP_SECONDS);
    }

    private Path staged(String path) {
        return store.fileOf(LAYOUT.keyOf("job-1", "hls", 1, path));
    }

    private int lastIndexOfKind(FileKind... kinds) {
        List<FileKind> wanted = List.of(kinds);
        for (int i = published.size() - 1; i >= 0; i--) {
            if (wanted.contains(published.get(i).getKind())) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(Path init, Path segment) throws IOException {
        byte[] head = Files.readAllBytes(init);
        byte[] tail = Files.readAllBytes(segment);
        byte[] whole = new byte[head.length + tail.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(tail, 0, whole, head.length, tail.length);
        return whole;
    }
}
