package io.reelay.encode.core;

import io.reelay.encode.core.StagingOrder.TrackPlaylist;
import io.reelay.events.FileKind;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StagingOrderTest {

    private static final List<ManifestFile> HLS_MASTER = HlsPackaging.FMP4.manifests();

    private final Set<String> staged = new HashSet<>();

    @Test
    void stagesNothingBeforeAnySegmentIsComplete() {
        List<StagingStep> steps = StagingOrder.next(List.of(hls("720p", null),
                hls("360p", playlist(0, false))), HLS_MASTER, staged, false);

        assertThat(steps).isEmpty();
    }

    @Test
    void stagesTheInitSegmentBeforeTheFirstMediaSegmentOfEachRendition() {
        List<StagingStep> steps = StagingOrder.next(List.of(hls("720p", playlist(2, false)),
                hls("360p", playlist(1, false))), HLS_MASTER, staged, false);

        assertThat(paths(steps)).containsExactly("720p/init.mp4", "720p/seg_00000.m4s", "720p/seg_00001.m4s",
                "360p/init.mp4", "360p/seg_00000.m4s");
        assertThat(steps.get(0)).isEqualTo(new StagingStep(FileKind.INIT, "720p", "720p/init.mp4",
                "720p/init_0.mp4", 0, 0));
        assertThat(steps.get(2)).isEqualTo(new StagingStep(FileKind.SEGMENT, "720p", "720p/seg_00001.m4s",
                "720p/seg_00001.m4s", 2, 2));
    }

    @Test
    void stagesOnlyWhatThePlaylistAddedSinceTheLastLook() {
        stage(StagingOrder.next(List.of(hls("720p", playlist(1, false))), HLS_MASTER, staged, false));

        List<StagingStep> steps = StagingOrder.next(List.of(hls("720p", playlist(3, false))),
                HLS_MASTER, staged, false);

        assertThat(paths(steps)).containsExactly("720p/seg_00001.m4s", "720p/seg_00002.m4s");
    }

    @Test
    void whileEncodingNeverStagesPlaylists() {
        List<StagingStep> steps = StagingOrder.next(List.of(hls("720p", playlist(2, true))),
                HLS_MASTER, staged, false);

        assertThat(steps).extracting(StagingStep::kind).containsOnly(FileKind.INIT, FileKind.SEGMENT);
    }

    @Test
    void afterEncodingStagesRemainingMediaThenVariantPlaylistsThenTheMasterLast() {
        stage(StagingOrder.next(List.of(hls("720p", playlist(1, false)),
                hls("360p", null)), HLS_MASTER, staged, false));

        List<StagingStep> steps = StagingOrder.next(List.of(hls("720p", playlist(2, true)),
                hls("360p", playlist(2, true))), HLS_MASTER, staged, true);

        assertThat(paths(steps)).containsExactly("720p/seg_00001.m4s", "360p/init.mp4", "360p/seg_00000.m4s",
                "360p/seg_00001.m4s", "720p/playlist.m3u8", "360p/playlist.m3u8", "master.m3u8");
        assertThat(steps.get(steps.size() - 1)).isEqualTo(new StagingStep(FileKind.MASTER_PLAYLIST, null,
                "master.m3u8", "master.m3u8", 0, 0));
    }

    @Test
    void refusesToFinishAnOutputWhosePlaylistIsIncomplete() {
        assertThatThrownBy(() -> StagingOrder.next(List.of(hls("720p", playlist(2, true)),
                hls("360p", playlist(1, false))), HLS_MASTER, staged, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("360p");
        assertThatThrownBy(() -> StagingOrder.next(List.of(hls("720p", null)), HLS_MASTER, staged, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("720p");
    }

    @Test
    void dashTracksStageSegmentsUnderFfmpegsNamesAndEndWithTheMpdWithoutTheirPlaylists() {
        Track video = new Track("720p", "media_0.m3u8", false, null);
        Track audio = new Track(Track.SHARED_AUDIO, "media_1.m3u8", false, null);

        List<StagingStep> steps = StagingOrder.next(List.of(new TrackPlaylist(video, dashPlaylist(0)),
                new TrackPlaylist(audio, dashPlaylist(1))), DashPackaging.DASH.manifests(), staged, true);

        assertThat(paths(steps)).containsExactly("stream0/init.mp4", "stream0/seg_00001.m4s",
                "stream1/init.mp4", "stream1/seg_00001.m4s", "manifest.mpd");
        assertThat(steps.get(2).rendition()).isEqualTo("audio");
        assertThat(steps.get(4).kind()).isEqualTo(FileKind.MANIFEST);
    }

    @Test
    void cmafPublishesTheMediaPlaylistsThenTheMasterThenTheMpdLast() {
        Track video = new Track("720p", "media_0.m3u8", true, null);

        List<StagingStep> steps = StagingOrder.next(List.of(new TrackPlaylist(video, dashPlaylist(0))),
                DashPackaging.CMAF.manifests(), staged, true);

        assertThat(steps).extracting(StagingStep::kind).containsExactly(FileKind.INIT, FileKind.SEGMENT,
                FileKind.PLAYLIST, FileKind.MASTER_PLAYLIST, FileKind.MANIFEST);
        assertThat(paths(steps).subList(2, 5)).containsExactly("media_0.m3u8", "master.m3u8", "manifest.mpd");
    }

    private static TrackPlaylist hls(String rendition, MediaPlaylist playlist) {
        return new TrackPlaylist(new Track(rendition, rendition + "/playlist.m3u8", true, rendition + "/init.mp4"),
                playlist);
    }

    /** A media playlist as the dash muxer writes it next to the MPD, naming files in the stream's folder. */
    private static MediaPlaylist dashPlaylist(int stream) {
        return MediaPlaylist.parse("#EXTM3U\n#EXT-X-MAP:URI=\"stream" + stream + "/init.mp4\"\n#EXTINF:2.0,\n"
                + "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00.000+0000\nstream" + stream
                + "/seg_00001.m4s\n#EXT-X-ENDLIST\n");
    }

    private void stage(List<StagingStep> steps) {
        steps.forEach(step -> staged.add(step.path()));
    }

    private static List<String> paths(List<StagingStep> steps) {
        return steps.stream().map(StagingStep::path).toList();
    }

    /** A playlist as ffmpeg writes it with 2 s segments after {@code segments} segments are complete. */
    private static MediaPlaylist playlist(int segments, boolean ended) {
        StringBuilder text = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MAP:URI=\"init_0.mp4\"\n");
        for (int i = 0; i < segments; i++) {
            text.append("#EXTINF:2.000000,\n").append(String.format("seg_%05d.m4s%n", i));
        }
        if (ended) {
            text.append("#EXT-X-ENDLIST\n");
        }
        return MediaPlaylist.parse(text.toString());
    }
}
