package io.reelay.encode.core;

/**
 * File names of an HLS output, relative to its destination prefix (and to its scratch dir while encoding):
 * {@code master.m3u8}, and per rendition {@code <rendition>/playlist.m3u8}, {@code <rendition>/init.mp4},
 * {@code <rendition>/seg_00000.m4s}... ({@code .ts} with MPEG-TS segments)
 */
public final class HlsLayout {

    public static final String MASTER_PLAYLIST = "master.m3u8";
    public static final String INIT = "init.mp4";
    static final String VARIANT_PLAYLIST = "playlist.m3u8";
    static final String SEGMENT_PATTERN = "seg_%05d.m4s";
    static final String TS_SEGMENT_PATTERN = "seg_%05d.ts";

    private HlsLayout() {
    }

    public static String variantPlaylist(String rendition) {
        return rendition + "/" + VARIANT_PLAYLIST;
    }

    public static String init(String rendition) {
        return rendition + "/" + INIT;
    }

    public static String inRendition(String rendition, String uri) {
        return rendition + "/" + uri;
    }
}
