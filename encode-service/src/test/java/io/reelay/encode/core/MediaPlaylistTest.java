package io.reelay.encode.core;

import io.reelay.encode.core.MediaPlaylist.Segment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MediaPlaylistTest {

    private static final String GROWING = """
            #EXTM3U
            #EXT-X-VERSION:7
            #EXT-X-TARGETDURATION:2
            #EXT-X-MEDIA-SEQUENCE:0
            #EXT-X-PLAYLIST-TYPE:EVENT
            #EXT-X-INDEPENDENT-SEGMENTS
            #EXT-X-MAP:URI="init_0.mp4"
            #EXTINF:2.000000,
            seg_00000.m4s
            #EXTINF:2.002000,
            seg_00001.m4s
            """;

    @Test
    void listsTheSegmentsFfmpegHasCompletedWithTheirMediaTime() {
        MediaPlaylist playlist = MediaPlaylist.parse(GROWING);

        assertThat(playlist.initUri()).isEqualTo("init_0.mp4");
        assertThat(playlist.segments()).containsExactly(new Segment("seg_00000.m4s", 0, 2.0),
                new Segment("seg_00001.m4s", 2.0, 2.002));
        assertThat(playlist.ended()).isFalse();
    }

    @Test
    void knowsAPlaylistWithEndListIsComplete() {
        MediaPlaylist playlist = MediaPlaylist.parse(GROWING + "#EXTINF:0.520000,\nseg_00002.m4s\n#EXT-X-ENDLIST\n");

        assertThat(playlist.ended()).isTrue();
        assertThat(playlist.segments()).hasSize(3);
        assertThat(playlist.segments().get(2).startSeconds()).isCloseTo(4.002, within(1e-9));
        assertThat(playlist.segments().get(2).durationSeconds()).isEqualTo(0.52);
    }

    @Test
    void readsTitledDurationsCrlfLinesAndMapsWithByteRanges() {
        MediaPlaylist playlist = MediaPlaylist.parse("#EXTM3U\r\n#EXT-X-MAP:URI=\"init.mp4\",BYTERANGE=\"720@0\"\r\n"
                + "#EXTINF:6,intro\r\nhttp://cdn/seg_1.m4s\r\n");

        assertThat(playlist.initUri()).isEqualTo("init.mp4");
        assertThat(playlist.segments()).containsExactly(new Segment("http://cdn/seg_1.m4s", 0, 6));
    }

    @Test
    void hasNoSegmentsBeforeTheFirstIsComplete() {
        MediaPlaylist playlist = MediaPlaylist.parse("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:2\n");

        assertThat(playlist.segments()).isEmpty();
        assertThat(playlist.initUri()).isNull();
    }

    @Test
    void rejectsAMalformedDuration() {
        assertThatThrownBy(() -> MediaPlaylist.parse("#EXTINF:two,\nseg.m4s\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two");
    }
}
