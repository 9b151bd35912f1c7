package io.reelay.encode.core;

import io.reelay.events.FileKind;
import io.reelay.events.Rendition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * HLS from ffmpeg's hls muxer, with fMP4 or MPEG-TS segments: one folder per rendition holding its variant
 * playlist, init segment (fMP4) and segments, each muxing its own audio; a master playlist over them.
 */
final class HlsPackaging implements Packaging {

    static final HlsPackaging FMP4 = new HlsPackaging(Container.FMP4);
    static final HlsPackaging MPEG_TS = new HlsPackaging(Container.MPEG_TS);

    private final Container container;

    private HlsPackaging(Container container) {
        this.container = container;
    }

    @Override
    public Container container() {
        return container;
    }

    @Override
    public boolean sharesAudio() {
        return false;
    }

    @Override
    public List<String> folders(List<Rendition> renditions, boolean withAudio) {
        // the hls muxer creates the %v folders itself
        return List.of();
    }

    @Override
    public List<String> muxerArgs(List<Rendition> renditions, boolean withAudio, double segmentSeconds,
                                  Path scratchDir) {
        String streamMap = IntStream.range(0, renditions.size())
                .mapToObj(i -> "v:" + i + (withAudio ? ",a:" + i : "") + ",name:" + renditions.get(i).getName())
                .collect(Collectors.joining(" "));
        String segmentPattern = container == Container.FMP4 ? HlsLayout.SEGMENT_PATTERN : HlsLayout.TS_SEGMENT_PATTERN;
        List<String> args = new ArrayList<>(List.of(
                "-var_stream_map", streamMap,
                "-f", "hls",
                "-hls_time", FfmpegCommand.decimal(segmentSeconds),
                // EVENT, not VOD: in VOD mode ffmpeg writes playlists only when it finishes, and the stager needs
                // them while it encodes to learn which segments are complete; the delivered playlist says VOD
                "-hls_playlist_type", "event",
                "-hls_list_size", "0",
                "-hls_segment_type", container == Container.FMP4 ? "fmp4" : "mpegts",
                // temp_file: a segment or playlist appears under its name only once it is completely written
                "-hls_flags", "independent_segments+temp_file"));
        if (container == Container.FMP4) {
            args.addAll(List.of("-hls_fmp4_init_filename", HlsLayout.INIT));
        }
        args.addAll(List.of(
                "-hls_segment_filename", scratchDir.resolve("%v").resolve(segmentPattern).toString(),
                "-master_pl_name", HlsLayout.MASTER_PLAYLIST,
                scratchDir.resolve("%v").resolve(HlsLayout.VARIANT_PLAYLIST).toString()));
        return args;
    }

    @Override
    public List<Track> tracks(List<Rendition> renditions, boolean withAudio) {
        return renditions.stream()
                .map(rendition -> new Track(rendition.getName(), HlsLayout.variantPlaylist(rendition.getName()), true,
                        // ffmpeg numbers init files per variant (init_0.mp4...); every folder gets a plain init.mp4
                        HlsLayout.init(rendition.getName())))
                .toList();
    }

    @Override
    public List<ManifestFile> manifests() {
        return List.of(new ManifestFile(FileKind.MASTER_PLAYLIST, HlsLayout.MASTER_PLAYLIST));
    }
}
