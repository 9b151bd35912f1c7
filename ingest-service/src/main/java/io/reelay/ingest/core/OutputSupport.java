package io.reelay.ingest.core;

import io.reelay.events.AudioCodec;
import io.reelay.events.OutputFormat;
import io.reelay.events.VideoCodec;

import java.util.Optional;

/** Which format/codec combinations the encoder can produce; anything else is refused at submit time. */
final class OutputSupport {

    private OutputSupport() {
    }

    static Optional<FieldError> check(String field, OutputFormat format, VideoCodec video, AudioCodec audio) {
        if (format != null && format != OutputFormat.HLS_FMP4) {
            return Optional.of(new FieldError(field + ".format", format + " is not supported yet; use HLS_FMP4"));
        }
        if (video != null && video != VideoCodec.H264) {
            return Optional.of(new FieldError(field + ".videoCodec", video + " is not supported yet; use H264"));
        }
        if (audio != null && audio != AudioCodec.AAC) {
            return Optional.of(new FieldError(field + ".audioCodec", audio + " is not supported yet; use AAC"));
        }
        return Optional.empty();
    }
}
