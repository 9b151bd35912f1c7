package io.reelay.encode.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlaylistRewriterTest {

    @Test
    void pointsTheVariantAtItsInitMp4AndDeliversItAsVod() {
        String ffmpegWrote = """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-PLAYLIST-TYPE:EVENT
                #EXT-X-MAP:URI="init_1.mp4"
                #EXTINF:2.000000,
                seg_00000.m4s
                #EXT-X-ENDLIST
                """;

        assertThat(PlaylistRewriter.variant(ffmpegWrote, "init.mp4")).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXT-X-MAP:URI="init.mp4"
                #EXTINF:2.000000,
                seg_00000.m4s
                #EXT-X-ENDLIST
                """);
    }

    @Test
    void keepsTheCodecsFfmpegAnnounced() {
        String master = """
                #EXTM3U
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-STREAM-INF:BANDWIDTH=647055,RESOLUTION=320x240,CODECS="avc1.64000d,mp4a.40.2"
                240p/playlist.m3u8
                """;

        assertThat(PlaylistRewriter.master(master, "avc1.640028,mp4a.40.2")).isEqualTo(master);
    }

    @Test
    void declaresIndependentSegmentsOnceInTheMaster() {
        String master = """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-STREAM-INF:BANDWIDTH=647055,RESOLUTION=320x240,CODECS="avc1.64000d"
                240p/playlist.m3u8
                """;

        String rewritten = PlaylistRewriter.master(master, "avc1.640028");

        assertThat(rewritten).startsWith("#EXTM3U\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-VERSION:7\n");
        assertThat(PlaylistRewriter.master(rewritten, "avc1.640028")).isEqualTo(rewritten);
    }

    @Test
    void addsCodecsToVariantsThatLackThem() {
        String master = """
                #EXTM3U
                #EXT-X-STREAM-INF:BANDWIDTH=647055,RESOLUTION=320x240
                240p/playlist.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=311143,RESOLUTION=192x144,CODECS="avc1.64000b"
                144p/playlist.m3u8
                """;

        assertThat(PlaylistRewriter.master(master, "avc1.640028")).isEqualTo("""
                #EXTM3U
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-STREAM-INF:BANDWIDTH=647055,RESOLUTION=320x240,CODECS="avc1.640028"
                240p/playlist.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=311143,RESOLUTION=192x144,CODECS="avc1.64000b"
                144p/playlist.m3u8
                """);
    }
}
