package io.reelay.encode.core;

import io.reelay.events.OutputFormat;
import io.reelay.events.Rendition;

import java.nio.file.Path;
import java.util.List;

/**
 * How the encoded streams of an output are muxed into files, and which of those files the stager follows and
 * publishes. Video stream {@code i} belongs to rendition {@code i}; audio is either one stream per rendition or
 * one stream the ladder shares ({@link #sharesAudio()}).
 */
public interface Packaging {

    static Packaging forFormat(OutputFormat format) {
        return switch (format) {
            case HLS_FMP4 -> HlsPackaging.FMP4;
            case HLS_TS -> HlsPackaging.MPEG_TS;
            case DASH -> DashPackaging.DASH;
            case CMAF -> DashPackaging.CMAF;
        };
    }

    Container container();

    /** True when the renditions share one audio stream instead of each muxing its own copy. */
    boolean sharesAudio();

    /** Folders, relative to the scratch dir, that must exist before ffmpeg starts. */
    List<String> folders(List<Rendition> renditions, boolean withAudio);

    /** Muxer options and output names, last on the command line. */
    List<String> muxerArgs(List<Rendition> renditions, boolean withAudio, double segmentSeconds, Path scratchDir);

    /** Every track ffmpeg keeps a media playlist for, in staging order. */
    List<Track> tracks(List<Rendition> renditions, boolean withAudio);

    /** Output-wide files, published after every media file in this order; the last one ends the output. */
    List<ManifestFile> manifests();
}
