package io.reelay.encode.staging;

import io.reelay.encode.core.EncodingProfile;
import io.reelay.encode.core.OutputAttempt;
import io.reelay.encode.core.Packaging;
import io.reelay.encode.core.Plans;
import io.reelay.encode.core.SourceFacts;
import io.reelay.encode.core.UsageMeter;
import io.reelay.events.FileKind;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputPlan;
import io.reelay.events.Rendition;
import io.reelay.events.SegmentEncoded;
import io.reelay.storage.StagingLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.reelay.encode.core.Plans.rendition;
import static org.assertj.core.api.Assertions.assertThat;

/** The stager against a scratch dir laid out the way ffmpeg's hls muxer fills it while it encodes. */
class SegmentStagerTest {

    private static final StagingLayout LAYOUT = new StagingLayout(LocalObjectStore.BUCKET, "staging");
    private static final OutputAttempt ATTEMPT = new OutputAttempt("job-7", "hls", 1,
            new ObjectLocation("videos", "out/hls"), 6);

    @TempDir
    Path work;
    private Path scratch;
    private LocalObjectStore store;
    private final List<SegmentEncoded> published = new ArrayList<>();
    private SegmentStager stager;

    @BeforeEach
    void createStager() throws IOException {
        scratch = Files.createDirectories(work.resolve("scratch"));
        store = new LocalObjectStore(work.resolve("bucket"));
        Packaging hls = Packaging.forFormat(OutputFormat.HLS_FMP4);
        List<Rendition> ladder = List.of(rendition("720p", 1280, 720, 2_800_000, 128_000),
                rendition("360p", 640, 360, 800_000, 96_000));
        stager = new SegmentStager(ATTEMPT, hls.tracks(ladder, true), hls.manifests(), scratch, LAYOUT, store,
                published::add);
    }

    @Test
    void stagesSegmentsAsSoonAsTheirPlaylistListsThem() throws IOException {
        writeRendition("720p", 0, 1, false);

        stager.stageCompleted(2.5);
        writeRendition("720p", 1, 2, false);
        writeRendition("360p", 0, 1, false);
        stager.stageCompleted(4.5);

        assertThat(published).extracting(SegmentEncoded::getPath).containsExactly("720p/init.mp4",
                "720p/seg_00000.m4s", "720p/seg_00001.m4s", "360p/init.mp4", "360p/seg_00000.m4s");
        assertThat(published).extracting(SegmentEncoded::getEncodedSeconds).containsExactly(2.5, 2.5, 4.5, 4.5, 4.5);
        assertThat(published).extracting(SegmentEncoded::getSequence).containsExactly(0, 1, 2, 3, 4);
        assertThat(published.get(2).getMediaStartSeconds()).isEqualTo(2.0);
        assertThat(Files.readString(store.fileOf(LAYOUT.keyOf("job-7", "hls", 1, "720p/init.mp4"))))
                .isEqualTo("init of 720p");
    }

    @Test
    void finishesWithRemainingMediaThenDeliverablePlaylistsThenTheMaster() throws IOException {
        writeRendition("720p", 0, 1, false);
        stager.stageCompleted(2);
        writeRendition("720p", 1, 3, true);
        writeRendition("360p", 0, 3, true);
        Files.writeString(scratch.resolve("master.m3u8"), """
                #EXTM3U
                #EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720
                720p/playlist.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=640x360
                360p/playlist.m3u8
                """);

        OutputPlan plan = Plans.hls("hls", 2, true, List.of(rendition("720p", 1280, 720, 2_800_000, 128_000)));
        stager.stageRest(6, EncodingProfile.of(plan, new SourceFacts("aac", 25.0, 6), Plans.FASTEST), 25.0,
                new UsageMeter(work, 100));

        assertThat(published).extracting(SegmentEncoded::getKind).containsExactly(FileKind.INIT, FileKind.SEGMENT,
                FileKind.SEGMENT, FileKind.SEGMENT, FileKind.INIT, FileKind.SEGMENT, FileKind.SEGMENT,
                FileKind.SEGMENT, FileKind.PLAYLIST, FileKind.PLAYLIST, FileKind.MASTER_PLAYLIST);
        SegmentEncoded last = published.get(published.size() - 1);
        assertThat(last.getLast()).isTrue();
        assertThat(last.getFileCount()).isEqualTo(11);
        assertThat(last.getUsage().getObjectCount()).isEqualTo(11);
        assertThat(last.getUsage().getBytesWritten())
                .isEqualTo(published.stream().mapToLong(SegmentEncoded::getSizeBytes).sum());
        assertThat(Files.readString(store.fileOf(LAYOUT.keyOf("job-7", "hls", 1, "360p/playlist.m3u8"))))
                .contains("#EXT-X-MAP:URI=\"init.mp4\"", "#EXT-X-PLAYLIST-TYPE:VOD");
        assertThat(Files.readString(store.fileOf(LAYOUT.keyOf("job-7", "hls", 1, "master.m3u8"))))
                .contains("#EXT-X-STREAM-INF:BANDWIDTH=68,RESOLUTION=1280x720,CODECS=\"avc1.640028,mp4a.40.2\","
                        + "AVERAGE-BANDWIDTH=68,FRAME-RATE=25.000\n720p/playlist.m3u8");
    }

    /** Writes init, segments [from, to) and the playlist listing segments [0, to), as ffmpeg would have by then. */
    private void writeRendition(String rendition, int from, int to, boolean ended) throws IOException {
        Path dir = Files.createDirectories(scratch.resolve(rendition));
        String init = "init_" + (rendition.equals("720p") ? 0 : 1) + ".mp4";
        Files.writeString(dir.resolve(init), "init of " + rendition);
        StringBuilder playlist = new StringBuilder("#EXTM3U\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-MAP:URI=\"")
                .append(init).append("\"\n");
        for (int i = 0; i < to; i++) {
            String segment = String.format("seg_%05d.m4s", i);
            if (i >= from) {
                Files.writeString(dir.resolve(segment), "segment " + i + " of " + rendition);
            }
            playlist.append("#EXTINF:2.000000,\n").append(segment).append('\n');
        }
        Files.writeString(dir.resolve("playlist.m3u8"), playlist.append(ended ? "#EXT-X-ENDLIST\n" : ""));
    }
}
