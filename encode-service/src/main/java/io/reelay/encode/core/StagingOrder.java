package io.reelay.encode.core;

import io.reelay.events.FileKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides which files of an HLS output to stage next, in the order upload relies on: per rendition its init
 * segment before its first media segment and media segments in playlist order; once ffmpeg has finished,
 * every remaining media file, then the variant playlists, then the master playlist as the very last file.
 * A segment is stageable as soon as its playlist lists it: ffmpeg adds a segment to the playlist only after
 * writing it completely.
 */
public final class StagingOrder {

    /** A rendition and its variant playlist as last read from the scratch dir; playlist null before ffmpeg wrote it. */
    public record RenditionPlaylist(String rendition, MediaPlaylist playlist) {
    }

    private StagingOrder() {
    }

    /**
     * @param playlists      every rendition of the output, in ladder order
     * @param staged         paths already staged
     * @param encodeFinished whether ffmpeg has exited successfully
     * @throws IllegalStateException when ffmpeg finished without completing a variant playlist
     */
    public static List<StagingStep> next(List<RenditionPlaylist> playlists, Set<String> staged,
                                         boolean encodeFinished) {
        List<StagingStep> steps = new ArrayList<>();
        for (RenditionPlaylist entry : playlists) {
            if (encodeFinished && (entry.playlist() == null || !entry.playlist().ended())) {
                throw new IllegalStateException("ffmpeg exited without completing the playlist of rendition "
                        + entry.rendition());
            }
            if (entry.playlist() != null) {
                addMedia(entry.rendition(), entry.playlist(), staged, steps);
            }
        }
        if (encodeFinished) {
            for (RenditionPlaylist entry : playlists) {
                String path = HlsLayout.variantPlaylist(entry.rendition());
                if (!staged.contains(path)) {
                    steps.add(StagingStep.file(FileKind.PLAYLIST, entry.rendition(), path, path));
                }
            }
            steps.add(StagingStep.file(FileKind.MASTER_PLAYLIST, null, HlsLayout.MASTER_PLAYLIST,
                    HlsLayout.MASTER_PLAYLIST));
        }
        return steps;
    }

    private static void addMedia(String rendition, MediaPlaylist playlist, Set<String> staged,
                                 List<StagingStep> steps) {
        if (playlist.segments().isEmpty()) {
            return;
        }
        String initPath = HlsLayout.init(rendition);
        if (playlist.initUri() != null && !staged.contains(initPath)) {
            steps.add(StagingStep.file(FileKind.INIT, rendition, initPath,
                    HlsLayout.inRendition(rendition, playlist.initUri())));
        }
        for (MediaPlaylist.Segment segment : playlist.segments()) {
            String path = HlsLayout.inRendition(rendition, segment.uri());
            if (!staged.contains(path)) {
                steps.add(new StagingStep(FileKind.SEGMENT, rendition, path, path,
                        segment.startSeconds(), segment.durationSeconds()));
            }
        }
    }
}
