package io.reelay.ingest.core;

import io.reelay.events.AudioCodec;
import io.reelay.events.OutputFormat;
import io.reelay.events.VideoCodec;

import java.util.Optional;
import java.util.Set;

/**
 * Which format/codec combinations the encoder can produce; anything else is refused at submit time.
 *
 * <p>MPEG-TS segments carry H.264 and H.265 with AAC; VP9, AV1 and Opus have no mapping players read from TS. The
 * fMP4 family (HLS fMP4, DASH, CMAF) carries every supported codec. Audio copy is accepted everywhere: whether the
 * source's audio fits the container is known only once the source is probed, and encode refuses it then.
 */
final class OutputSupport {

    private static final Set<VideoCodec> TS_VIDEO = Set.of(VideoCodec.H264, VideoCodec.H265);
    private static final Set<AudioCodec> TS_AUDIO = Set.of(AudioCodec.AAC, AudioCodec.COPY);

    private OutputSupport() {
    }

    static Optional<FieldError> check(String field, OutputFormat format, VideoCodec video, AudioCodec audio) {
        if (format != OutputFormat.HLS_TS) {
            return Optional.empty();
        }
        if (video != null && !TS_VIDEO.contains(video)) {
            return Optional.of(new FieldError(field + ".videoCodec",
                    video + " cannot be carried in MPEG-TS segments; use H264 or H265, or HLS_FMP4, DASH or CMAF"));
        }
        if (audio != null && !TS_AUDIO.contains(audio)) {
            return Optional.of(new FieldError(field + ".audioCodec",
                    audio + " cannot be carried in MPEG-TS segments; use AAC or COPY, or HLS_FMP4, DASH or CMAF"));
        }
        return Optional.empty();
    }
}
