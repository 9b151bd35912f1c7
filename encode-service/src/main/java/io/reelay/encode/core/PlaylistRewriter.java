package io.reelay.encode.core;

import java.util.stream.Collectors;

/**
 * Turns the playlists ffmpeg leaves in the scratch dir into the ones players get.
 *
 * <p>Variant playlists: ffmpeg names init segments {@code init_0.mp4, init_1.mp4...} whenever it writes several
 * variants, but every rendition folder of a Reelay output holds a plain {@code init.mp4}; and ffmpeg runs in
 * EVENT mode so that playlists grow while it encodes, while the delivered playlist of a finished output is VOD.
 *
 * <p>Master playlist: players pick variants by CODECS; ffmpeg writes it for fMP4 but leaves it out when it cannot
 * derive the codec string, so a missing one is filled in from the output's codecs. Every segment starts with a key
 * frame (forced at segment boundaries), which the master declares with {@code #EXT-X-INDEPENDENT-SEGMENTS} so
 * players may switch variants at any segment; ffmpeg only writes that tag into the variant playlists.
 */
public final class PlaylistRewriter {

    private static final String MAP = "#EXT-X-MAP:";
    private static final String PLAYLIST_TYPE = "#EXT-X-PLAYLIST-TYPE:";
    private static final String STREAM_INF = "#EXT-X-STREAM-INF:";
    private static final String INDEPENDENT_SEGMENTS = "#EXT-X-INDEPENDENT-SEGMENTS";
    private static final String HEADER = "#EXTM3U";

    private PlaylistRewriter() {
    }

    public static String variant(String playlist, String initName) {
        return playlist.lines()
                .map(line -> {
                    if (line.startsWith(MAP)) {
                        return MAP + Attributes.withQuoted(line.substring(MAP.length()), "URI", initName);
                    }
                    if (line.startsWith(PLAYLIST_TYPE)) {
                        return PLAYLIST_TYPE + "VOD";
                    }
                    return line;
                })
                .collect(Collectors.joining("\n", "", "\n"));
    }

    public static String master(String playlist, String codecs) {
        boolean declaresIndependence = playlist.lines().anyMatch(INDEPENDENT_SEGMENTS::equals);
        return playlist.lines()
                .map(line -> {
                    if (line.startsWith(STREAM_INF) && !Attributes.has(line.substring(STREAM_INF.length()), "CODECS")) {
                        return STREAM_INF + Attributes.withQuoted(line.substring(STREAM_INF.length()), "CODECS", codecs);
                    }
                    if (line.equals(HEADER) && !declaresIndependence) {
                        return line + "\n" + INDEPENDENT_SEGMENTS;
                    }
                    return line;
                })
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
