package io.reelay.encode.core;

import io.reelay.events.OutputFormat;
import io.reelay.events.Rendition;

import java.nio.file.Path;
import java.util.List;

/** How the encoded streams of an output are muxed into files. New formats (TS, DASH, CMAF) are new implementations. */
public interface Packaging {

    static Packaging forFormat(OutputFormat format) {
        if (format == OutputFormat.HLS_FMP4) {
            return new HlsFmp4Packaging();
        }
        throw new OutputNotEncodableException(format + " output is not supported yet");
    }

    /**
     * Muxer options and output names, last on the command line. Video stream {@code i} (and audio stream
     * {@code i} when there is audio) belong to rendition {@code i}.
     */
    List<String> muxerArgs(List<Rendition> renditions, boolean withAudio, double segmentSeconds, Path scratchDir);
}
