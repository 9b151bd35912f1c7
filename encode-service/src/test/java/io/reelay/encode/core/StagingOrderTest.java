package io.reelay.encode.core;

import io.reelay.encode.core.StagingOrder.RenditionPlaylist;
import io.reelay.events.FileKind;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StagingOrderTest {

    private final Set<String> staged = new HashSet<>();

    @Test
    void stagesNothingBeforeAnySegmentIsComplete() {
        List<StagingStep> steps = StagingOrder.next(List.of(new RenditionPlaylist("720p", null),
                new RenditionPlaylist("360p", playlist(0, false))), staged, false);

        assertThat(steps).isEmpty();
    }

    @Test
    void stagesTheInitSegmentBeforeTheFirstMediaSegmentOfEachRendition() {
        List<StagingStep> steps = StagingOrder.next(List.of(new RenditionPlaylist("720p", playlist(2, false)),
                new RenditionPlaylist("360p", playlist(1, false))), staged, false);

        assertThat(paths(steps)).containsExactly("720p/init.mp4", "720p/seg_00000.m4s", "720p/seg_00001.m4s",
                "360p/init.mp4", "360p/seg_00000.m4s");
        assertThat(steps.get(0)).isEqualTo(new StagingStep(FileKind.INIT, "720p", "720p/init.mp4",
                "720p/init_0.mp4", 0, 0));
        assertThat(steps.get(2)).isEqualTo(new StagingStep(FileKind.SEGMENT, "720p", "720p/seg_00001.m4s",
                "720p/seg_00001.m4s", 2, 2));
    }

    @Test
    void stagesOnlyWhatThePlaylistAddedSinceTheLastLook() {
        stage(StagingOrder.next(List.of(new RenditionPlaylist("720p", playlist(1, false))), staged, false));

        List<StagingStep> steps = StagingOrder.next(List.of(new RenditionPlaylist("720p", playlist(3, false))),
                staged, false);

        assertThat(paths(steps)).containsExactly("720p/seg_00001.m4s", "720p/seg_00002.m4s");
    }

    @Test
    void whileEncodingNeverStagesPlaylists() {
        List<StagingStep> steps = StagingOrder.next(List.of(new RenditionPlaylist("720p", playlist(2, true))),
                staged, false);

        assertThat(steps).extracting(StagingStep::kind).containsOnly(FileKind.INIT, FileKind.SEGMENT);
    }

    @Test
    void afterEncodingStagesRemainingMediaThenVariantPlaylistsThenTheMasterLast() {
        stage(StagingOrder.next(List.of(new RenditionPlaylist("720p", playlist(1, false)),
                new RenditionPlaylist("360p", null)), staged, false));

        List<StagingStep> steps = StagingOrder.next(List.of(new RenditionPlaylist("720p", playlist(2, true)),
                new RenditionPlaylist("360p", playlist(2, true))), staged, true);

        assertThat(paths(steps)).containsExactly("720p/seg_00001.m4s", "360p/init.mp4", "360p/seg_00000.m4s",
                "360p/seg_00001.m4s", "720p/playlist.m3u8", "360p/playlist.m3u8", "master.m3u8");
        assertThat(steps.get(steps.size() - 1)).isEqualTo(new StagingStep(FileKind.MASTER_PLAYLIST, null,
                "master.m3u8", "master.m3u8", 0, 0));
    }

    @Test
    void refusesToFinishAnOutputWhosePlaylistIsIncomplete() {
        assertThatThrownBy(() -> StagingOrder.next(List.of(new RenditionPlaylist("720p", playlist(2, true)),
                new RenditionPlaylist("360p", playlist(1, false))), staged, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("360p");
        assertThatThrownBy(() -> StagingOrder.next(List.of(new RenditionPlaylist("720p", null)), staged, true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("720p");
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
