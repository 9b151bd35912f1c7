package io.reelay.encode.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an HLS media (variant) playlist the stager needs: which segments ffmpeg has finished, where
 * each starts and how long it lasts, the init segment, and whether the playlist is complete.
 *
 * @param initUri  URI of the {@code #EXT-X-MAP} init segment, or null when the playlist has none
 * @param segments segments in playback order
 * @param ended    whether {@code #EXT-X-ENDLIST} is present, i.e. no segment will be added
 */
public record MediaPlaylist(String initUri, List<Segment> segments, boolean ended) {

    private static final String EXTINF = "#EXTINF:";
    private static final String MAP = "#EXT-X-MAP:";
    private static final String ENDLIST = "#EXT-X-ENDLIST";

    /** One media segment: its URI relative to the playlist and the media time it covers. */
    public record Segment(String uri, double startSeconds, double durationSeconds) {
    }

    public MediaPlaylist {
        segments = List.copyOf(segments);
    }

    public static MediaPlaylist parse(String text) {
        String initUri = null;
        boolean ended = false;
        List<Segment> segments = new ArrayList<>();
        double start = 0;
        Double pendingDuration = null;
        for (String rawLine : text.split("\\R")) {
            String line = rawLine.trim();
            if (line.startsWith(EXTINF)) {
                pendingDuration = parseDuration(line.substring(EXTINF.length()));
            } else if (line.startsWith(MAP)) {
                initUri = Attributes.quoted(line.substring(MAP.length()), "URI");
            } else if (line.equals(ENDLIST)) {
                ended = true;
            } else if (!line.isEmpty() && !line.startsWith("#") && pendingDuration != null) {
                segments.add(new Segment(line, start, pendingDuration));
                start += pendingDuration;
                pendingDuration = null;
            }
        }
        return new MediaPlaylist(initUri, segments, ended);
    }

    private static double parseDuration(String value) {
        int comma = value.indexOf(',');
        String number = comma < 0 ? value : value.substring(0, comma);
        try {
            return Double.parseDouble(number.trim());
        } catch (NumberFormatException malformed) {
            throw new IllegalArgumentException("malformed #EXTINF duration: " + value, malformed);
        }
    }
}
