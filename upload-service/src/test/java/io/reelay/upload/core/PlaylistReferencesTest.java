package io.reelay.upload.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaylistReferencesTest {

    @Test
    void listsInitAndSegmentsOfAMediaPlaylistRelativeToItsFolder() {
        String playlist = """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:4
                #EXT-X-MAP:URI="init.mp4"
                #EXTINF:4.000000,
                seg_00001.m4s
                #EXTINF:2.000000,
                seg_00002.m4s
                #EXT-X-ENDLIST
                """;

        assertThat(PlaylistReferences.of("720p/playlist.m3u8", playlist))
                .containsExactly("720p/init.mp4", "720p/seg_00001.m4s", "720p/seg_00002.m4s");
    }

    @Test
    void listsTheVariantsOfAMasterPlaylist() {
        String master = """
                #EXTM3U
                #EXT-X-STREAM-INF:BANDWIDTH=5000000,RESOLUTION=1920x1080,CODECS="avc1.640028,mp4a.40.2"
                1080p/playlist.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=2800000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"
                ./720p/playlist.m3u8
                """;

        assertThat(PlaylistReferences.of("master.m3u8", master))
                .containsExactly("1080p/playlist.m3u8", "720p/playlist.m3u8");
    }

    @Test
    void refusesReferencesOutsideTheOutput() {
        assertThatThrownBy(() -> PlaylistReferences.of("master.m3u8", "../other/playlist.m3u8"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlaylistReferences.of("a/p.m3u8", "http://elsewhere/x.ts"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
