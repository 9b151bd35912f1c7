package io.reelay.encode.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the playlists ffmpeg leaves in the scratch dir into the ones players get.
 *
 * <p>Media playlists: ffmpeg's hls muxer names init segments {@code init_0.mp4, init_1.mp4...} whenever it writes
 * several variants, but every rendition folder of a Reelay HLS output holds a plain {@code init.mp4}; ffmpeg runs
 * in EVENT mode so that playlists grow while it encodes, while the delivered playlist of a finished output is VOD.
 * The dash muxer's playlists (CMAF) declare no type and no independent segments, and stamp every segment with the
 * wall-clock time of the encode, which means nothing for on-demand media.
 *
 * <p>Master playlist: players pick variants by CODECS, BANDWIDTH, RESOLUTION and FRAME-RATE. ffmpeg leaves CODECS
 * out when it cannot derive the codec string (VP9, AV1, Opus, H.265 in TS), so a missing one is filled in from the
 * output's codecs; it estimates BANDWIDTH from the target bitrates (dash muxer) and writes no FRAME-RATE, so both
 * come from what the staged segments measured and the output's frame rate. Every segment starts with a keyframe
 * (forced at segment boundaries), which the master declares with {@code #EXT-X-INDEPENDENT-SEGMENTS} so players may
 * switch variants at any segment; ffmpeg only writes that tag into the variant playlists.
 */
public final class PlaylistRewriter {

    private static final String MAP = "#EXT-X-MAP:";
    private static final String PLAYLIST_TYPE = "#EXT-X-PLAYLIST-TYPE:";
    private static final String PROGRAM_DATE_TIME = "#EXT-X-PROGRAM-DATE-TIME:";
    private static final String STREAM_INF = "#EXT-X-STREAM-INF:";
    private static final String INDEPENDENT_SEGMENTS = "#EXT-X-INDEPENDENT-SEGMENTS";
    private static final String HEADER = "#EXTM3U";
    private static final Pattern BARE_HEVC = Pattern.compile("codecs=\"hvc1\"");

    private PlaylistRewriter() {
    }

    /** @param initUri what {@code #EXT-X-MAP} should name; null to keep what ffmpeg wrote */
    public static String variant(String playlist, String initUri) {
        boolean typed = playlist.lines().anyMatch(line -> line.startsWith(PLAYLIST_TYPE));
        boolean declaresIndependence = playlist.lines().anyMatch(INDEPENDENT_SEGMENTS::equals);
        return playlist.lines()
                .filter(line -> !line.startsWith(PROGRAM_DATE_TIME))
                .map(line -> {
                    if (line.startsWith(MAP) && initUri != null) {
                        return MAP + Attributes.withQuoted(line.substring(MAP.length()), "URI", initUri);
                    }
                    if (line.startsWith(PLAYLIST_TYPE)) {
                        return PLAYLIST_TYPE + "VOD";
                    }
                    if (line.equals(HEADER)) {
                        return line + (typed ? "" : "\n" + PLAYLIST_TYPE + "VOD")
                                + (declaresIndependence ? "" : "\n" + INDEPENDENT_SEGMENTS);
                    }
                    return line;
                })
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * @param codecs     CODECS of every variant, used for entries ffmpeg left out or wrote without profile and level
     * @param frameRate  FRAME-RATE of every variant; null to leave it out
     * @param bandwidths what the segments of the variant with this playlist URI measured (its audio included)
     */
    public static String master(String playlist, String codecs, Double frameRate,
                                Function<String, Bandwidths.Bandwidth> bandwidths) {
        boolean declaresIndependence = playlist.lines().anyMatch(INDEPENDENT_SEGMENTS::equals);
        List<String> lines = playlist.lines().toList();
        List<String> rewritten = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(STREAM_INF) && i + 1 < lines.size()) {
                String attributes = line.substring(STREAM_INF.length());
                attributes = Attributes.withQuoted(attributes, "CODECS",
                        completeCodecs(Attributes.quoted(attributes, "CODECS"), codecs));
                Bandwidths.Bandwidth measured = bandwidths.apply(lines.get(i + 1).trim());
                if (measured.peak() > 0) {
                    attributes = Attributes.withPlain(attributes, "BANDWIDTH", Long.toString(measured.peak()));
                    attributes = Attributes.withPlain(attributes, "AVERAGE-BANDWIDTH",
                            Long.toString(measured.average()));
                }
                if (frameRate != null) {
                    attributes = Attributes.withPlain(attributes, "FRAME-RATE",
                            String.format(Locale.ROOT, "%.3f", frameRate));
                }
                line = STREAM_INF + attributes;
            } else if (line.equals(HEADER) && !declaresIndependence) {
                line = line + "\n" + INDEPENDENT_SEGMENTS;
            }
            rewritten.add(line);
        }
        return String.join("\n", rewritten) + "\n";
    }

    /** The dash muxer's MPD with every bare {@code hvc1} codec string completed from the output's video codec. */
    public static String mpd(String mpd, String videoCodecs) {
        return BARE_HEVC.matcher(mpd).replaceAll("codecs=\"" + videoCodecs + "\"");
    }

    /**
     * ffmpeg's codec strings where they are complete, ours where it wrote none or only a bare sample entry name
     * (the dash muxer writes {@code hvc1} without profile, tier and level, which players cannot judge).
     */
    static String completeCodecs(String written, String fallback) {
        if (written == null) {
            return fallback;
        }
        String[] ours = fallback.split(",");
        String[] theirs = written.split(",");
        if (ours.length != theirs.length) {
            return fallback;
        }
        for (int i = 0; i < theirs.length; i++) {
            if (theirs[i].contains(".")) {
                ours[i] = theirs[i];
            }
        }
        return String.join(",", ours);
    }
}
