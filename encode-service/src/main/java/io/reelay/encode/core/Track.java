package io.reelay.encode.core;

/**
 * One encoded stream of an output as the stager follows it. ffmpeg keeps a media playlist per track and adds a
 * segment to it only once the segment is completely written, so the playlist says what can be staged.
 *
 * @param rendition        the name events carry: the rendition's name, or {@link #SHARED_AUDIO} for audio that
 *                         the whole ladder shares
 * @param playlist         path of the media playlist in the scratch dir, which is also its published path
 * @param deliversPlaylist whether players get the playlist (HLS, CMAF) or it only tracks progress (DASH)
 * @param init             published path of the init segment; null to publish it under the name ffmpeg gave it
 */
public record Track(String rendition, String playlist, boolean deliversPlaylist, String init) {

    public static final String SHARED_AUDIO = "audio";

    /** Path of a file the playlist names, relative to the output root. */
    String resolve(String uri) {
        int slash = playlist.lastIndexOf('/');
        return slash < 0 ? uri : playlist.substring(0, slash + 1) + uri;
    }

    /** What the playlist's {@code #EXT-X-MAP} must name once the init segment has its published path. */
    public String initUriInPlaylist() {
        if (init == null) {
            return null;
        }
        int slash = playlist.lastIndexOf('/');
        return slash >= 0 && init.startsWith(playlist.substring(0, slash + 1)) ? init.substring(slash + 1) : init;
    }
}
