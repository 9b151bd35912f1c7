package io.reelay.encode.core;

import io.reelay.events.FileKind;
import io.reelay.events.Rendition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * MPEG-DASH from ffmpeg's dash muxer: fMP4 segments in one folder per representation ({@code stream0/},
 * {@code stream1/}..., numbered like the output streams because the muxer names representations by stream index),
 * video renditions in one adaptation set and the ladder's shared audio in another, and {@code manifest.mpd}.
 *
 * <p>The muxer always writes HLS media playlists too ({@code -hls_playlist 1}): they grow while it encodes and tell
 * the stager which segments are complete. For DASH they stay in the scratch dir; for CMAF they are delivered with a
 * master playlist, so ONE set of segments is referenced by both an HLS master playlist and a DASH MPD.
 */
final class DashPackaging implements Packaging {

    static final DashPackaging DASH = new DashPackaging(false);
    static final DashPackaging CMAF = new DashPackaging(true);

    static final String MANIFEST = "manifest.mpd";
    private static final String FOLDER = "stream";

    private final boolean withHls;

    private DashPackaging(boolean withHls) {
        this.withHls = withHls;
    }

    @Override
    public Container container() {
        return Container.FMP4;
    }

    @Override
    public boolean sharesAudio() {
        return true;
    }

    @Override
    public List<String> folders(List<Rendition> renditions, boolean withAudio) {
        // unlike the hls muxer, the dash muxer does not create the folders its segment names point into
        return IntStream.range(0, streamCount(renditions, withAudio)).mapToObj(i -> FOLDER + i).toList();
    }

    @Override
    public List<String> muxerArgs(List<Rendition> renditions, boolean withAudio, double segmentSeconds,
                                  Path scratchDir) {
        return List.of(
                "-f", "dash",
                // fMP4 for every codec: left to itself the muxer puts VP9 and Opus in WebM, which HLS cannot carry
                "-dash_segment_type", "mp4",
                "-seg_duration", FfmpegCommand.decimal(segmentSeconds),
                // a SegmentTimeline states every segment's exact duration, so players need not assume equal ones
                "-use_template", "1",
                "-use_timeline", "1",
                "-init_seg_name", FOLDER + "$RepresentationID$/" + HlsLayout.INIT,
                "-media_seg_name", FOLDER + "$RepresentationID$/seg_$Number%05d$.m4s",
                "-adaptation_sets", withAudio ? "id=0,streams=v id=1,streams=a" : "id=0,streams=v",
                "-hls_playlist", "1",
                "-hls_master_name", HlsLayout.MASTER_PLAYLIST,
                scratchDir.resolve(MANIFEST).toString());
    }

    @Override
    public List<Track> tracks(List<Rendition> renditions, boolean withAudio) {
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < renditions.size(); i++) {
            tracks.add(new Track(renditions.get(i).getName(), mediaPlaylist(i), withHls, null));
        }
        if (withAudio) {
            tracks.add(new Track(Track.SHARED_AUDIO, mediaPlaylist(renditions.size()), withHls, null));
        }
        return tracks;
    }

    @Override
    public List<ManifestFile> manifests() {
        ManifestFile mpd = new ManifestFile(FileKind.MANIFEST, MANIFEST);
        // CMAF: the MPD comes last, so the output's final event names the file every DASH player starts from
        return withHls ? List.of(new ManifestFile(FileKind.MASTER_PLAYLIST, HlsLayout.MASTER_PLAYLIST), mpd)
                : List.of(mpd);
    }

    /** The dash muxer names its HLS media playlists after the stream index. */
    private static String mediaPlaylist(int stream) {
        return "media_" + stream + ".m3u8";
    }

    private static int streamCount(List<Rendition> renditions, boolean withAudio) {
        return renditions.size() + (withAudio ? 1 : 0);
    }
}
