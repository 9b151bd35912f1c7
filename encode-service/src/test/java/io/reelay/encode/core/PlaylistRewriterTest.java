package io.reelay.encode.core;

import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class PlaylistRewriterTest {

    private static final Function<String, Bandwidths.Bandwidth> UNMEASURED = uri -> new Bandwidths.Bandwidth(0, 0);

    @Test
    void pointsTheVariantAtItsInitMp4AndDeliversItAsVod() {
        String ffmpegWrote = """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-PLAYLIST-TYPE:EVENT
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-MAP:URI="init_1.mp4"
                #EXTINF:2.000000,
                seg_00000.m4s
                #EXT-X-ENDLIST
                """;

        assertThat(PlaylistRewriter.variant(ffmpegWrote, "init.mp4")).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-MAP:URI="init.mp4"
                #EXTINF:2.000000,
                seg_00000.m4s
                #EXT-X-ENDLIST
                """);
    }

    @Test
    void makesTheDashMuxersPlaylistsVodWithIndependentSegmentsAndNoWallClockStamps() {
        String dashMuxerWrote = """
                #EXTM3U
                #EXT-X-VERSION:6
                #EXT-X-MAP:URI="stream0/init.mp4"
                #EXTINF:1.000000,
                #EXT-X-PROGRAM-DATE-TIME:2026-11-25T06:56:01.000+0000
                stream0/seg_00001.m4s
                #EXT-X-ENDLIST
                """;

        assertThat(PlaylistRewriter.variant(dashMuxerWrote, null)).isEqualTo("""
                #EXTM3U
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-VERSION:6
                #EXT-X-MAP:URI="stream0/init.mp4"
                #EXTINF:1.000000,
                stream0/seg_00001.m4s
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

        assertThat(PlaylistRewriter.master(master, "avc1.640028,mp4a.40.2", null, UNMEASURED)).isEqualTo(master);
    }

    @Test
    void declaresIndependentSegmentsOnceInTheMaster() {
        String master = """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-STREAM-INF:BANDWIDTH=647055,RESOLUTION=320x240,CODECS="avc1.64000d"
                240p/playlist.m3u8
                """;

        String rewritten = PlaylistRewriter.master(master, "avc1.640028", null, UNMEASURED);

        assertThat(rewritten).startsWith("#EXTM3U\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-VERSION:7\n");
        assertThat(PlaylistRewriter.master(rewritten, "avc1.640028", null, UNMEASURED)).isEqualTo(rewritten);
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

        assertThat(PlaylistRewriter.master(master, "avc1.640028", null, UNMEASURED)).isEqualTo("""
                #EXTM3U
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-STREAM-INF:BANDWIDTH=647055,RESOLUTION=320x240,CODECS="avc1.640028"
                240p/playlist.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=311143,RESOLUTION=192x144,CODECS="avc1.64000b"
                144p/playlist.m3u8
                """);
    }
    @Test
    void announcesMeasuredPeakAndAverageBandwidthAndTheFrameRateOfEveryVariant() {
        String master = """
                #EXTM3U
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="group_A1",NAME="audio_2",DEFAULT=YES,URI="media_2.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=498818,RESOLUTION=320x240,CODECS="hvc1,opus",AUDIO="group_A1"
                media_0.m3u8
                """;
        Function<String, Bandwidths.Bandwidth> measured = uri -> uri.equals("media_0.m3u8")
                ? new Bandwidths.Bandwidth(612_000, 455_000) : new Bandwidths.Bandwidth(0, 0);

        assertThat(PlaylistRewriter.master(master, "hvc1.1.6.L120.90,Opus", 29.97002997, measured)).isEqualTo("""
                #EXTM3U
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="group_A1",NAME="audio_2",DEFAULT=YES,URI="media_2.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=612000,RESOLUTION=320x240,CODECS="hvc1.1.6.L120.90,Opus",\
                AUDIO="group_A1",AVERAGE-BANDWIDTH=455000,FRAME-RATE=29.970
                media_0.m3u8
                """);
    }

    @Test
    void keepsCompleteCodecStringsAndCompletesBareOnes() {
        assertThat(PlaylistRewriter.completeCodecs("av01.0.00M.08,opus", "av01.0.08M.08,Opus"))
                .isEqualTo("av01.0.00M.08,Opus");
        assertThat(PlaylistRewriter.completeCodecs("hvc1", "hvc1.1.6.L120.90")).isEqualTo("hvc1.1.6.L120.90");
        assertThat(PlaylistRewriter.completeCodecs(null, "vp09.00.40.08")).isEqualTo("vp09.00.40.08");
        assertThat(PlaylistRewriter.mpd("<Representation codecs=\"hvc1\"/><Representation codecs=\"opus\"/>",
                "hvc1.1.6.L120.90")).isEqualTo(
                "<Representation codecs=\"hvc1.1.6.L120.90\"/><Representation codecs=\"opus\"/>");
    }
}
