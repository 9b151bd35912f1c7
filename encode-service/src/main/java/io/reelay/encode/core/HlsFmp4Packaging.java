package io.reelay.encode.core;

import io.reelay.events.Rendition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** HLS with fMP4 segments from ffmpeg's hls muxer: one variant playlist per rendition and a master playlist. */
final class HlsFmp4Packaging implements Packaging {

    @Override
    public List<String> muxerArgs(List<Rendition> renditions, boolean withAudio, double segmentSeconds,
                                  Path scratchDir) {
        String streamMap = IntStream.range(0, renditions.size())
                .mapToObj(i -> "v:" + i + (withAudio ? ",a:" + i : "") + ",name:" + renditions.get(i).getName())
                .collect(Collectors.joining(" "));
        List<String> args = new ArrayList<>(List.of(
                "-var_stream_map", streamMap,
                "-f", "hls",
                "-hls_time", FfmpegCommand.decimal(segmentSeconds),
                // EVENT, not VOD: in VOD mode ffmpeg writes playlists only when it finishes, and the stager needs
                // them while it encodes to learn which segments are complete; the delivered playlist says VOD
                "-hls_playlist_type", "event",
                "-hls_list_size", "0",
                "-hls_segment_type", "fmp4",
                // temp_file: a segment or playlist appears under its name only once it is completely written
                "-hls_flags", "independent_segments+temp_file",
                "-hls_fmp4_init_filename", HlsLayout.INIT,
                "-hls_segment_filename", scratchDir.resolve("%v").resolve(HlsLayout.SEGMENT_PATTERN).toString(),
                "-master_pl_name", HlsLayout.MASTER_PLAYLIST));
        args.add(scratchDir.resolve("%v").resolve(HlsLayout.VARIANT_PLAYLIST).toString());
        return args;
    }
}
