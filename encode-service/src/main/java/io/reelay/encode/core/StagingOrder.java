package io.reelay.encode.core;

import io.reelay.events.FileKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides which files of an output to stage next, in the order upload relies on: per track its init segment
 * before its first media segment and media segments in playlist order; once ffmpeg has finished, every remaining
 * media file, then the delivered media playlists, then the manifests with the last one as the very last file.
 * A segment is stageable as soon as its playlist lists it: ffmpeg adds a segment to the playlist only after
 * writing it completely.
 */
public final class StagingOrder {

    /** A track and its media playlist as last read from the scratch dir; playlist null before ffmpeg wrote it. */
    public record TrackPlaylist(Track track, MediaPlaylist playlist) {
    }

    private StagingOrder() {
    }

    /**
     * @param playlists      every track of the output, in staging order
     * @param manifests      the output-wide files, in publishing order
     * @param staged         paths already staged
     * @param encodeFinished whether ffmpeg has exited successfully
     * @throws IllegalStateException when ffmpeg finished without completing a media playlist
     */
    public static List<StagingStep> next(List<TrackPlaylist> playlists, List<ManifestFile> manifests,
                                         Set<String> staged, boolean encodeFinished) {
        List<StagingStep> steps = new ArrayList<>();
        for (TrackPlaylist entry : playlists) {
            if (encodeFinished && (entry.playlist() == null || !entry.playlist().ended())) {
                throw new IllegalStateException("ffmpeg exited without completing the playlist of "
                        + entry.track().rendition());
            }
            if (entry.playlist() != null) {
                addMedia(entry.track(), entry.playlist(), staged, steps);
            }
        }
        if (encodeFinished) {
            for (TrackPlaylist entry : playlists) {
                String path = entry.track().playlist();
                if (entry.track().deliversPlaylist() && !staged.contains(path)) {
                    steps.add(StagingStep.file(FileKind.PLAYLIST, entry.track().rendition(), path, path));
                }
            }
            for (ManifestFile manifest : manifests) {
                steps.add(StagingStep.file(manifest.kind(), null, manifest.path(), manifest.path()));
            }
        }
        return steps;
    }

    private static void addMedia(Track track, MediaPlaylist playlist, Set<String> staged, List<StagingStep> steps) {
        if (playlist.segments().isEmpty()) {
            return;
        }
        if (playlist.initUri() != null) {
            String scratchPath = track.resolve(playlist.initUri());
            String initPath = track.init() != null ? track.init() : scratchPath;
            if (!staged.contains(initPath)) {
                steps.add(StagingStep.file(FileKind.INIT, track.rendition(), initPath, scratchPath));
            }
        }
        for (MediaPlaylist.Segment segment : playlist.segments()) {
            String path = track.resolve(segment.uri());
            if (!staged.contains(path)) {
                steps.add(new StagingStep(FileKind.SEGMENT, track.rendition(), path, path,
                        segment.startSeconds(), segment.durationSeconds()));
            }
        }
    }
}
