package io.reelay.encode.core;

import io.reelay.events.MediaInfo;
import io.reelay.events.StreamInfo;

import java.util.Optional;

/**
 * What the encoder needs to know about the source, taken from probe's media facts.
 *
 * @param audioCodec      ffprobe's name of the first audio stream's codec; null when the source has no audio
 * @param frameRate       average frame rate of the first video stream; null when probe could not tell
 * @param durationSeconds duration of the source, for progress
 */
public record SourceFacts(String audioCodec, Double frameRate, double durationSeconds) {

    public static SourceFacts of(MediaInfo media) {
        if (media == null) {
            return new SourceFacts(null, null, 0);
        }
        String audioCodec = firstOfType(media, "audio").map(StreamInfo::getCodec).orElse(null);
        Double frameRate = media.getStreams().stream()
                .filter(stream -> "video".equals(stream.getType()))
                .map(StreamInfo::getFrameRate)
                .filter(rate -> rate != null && rate > 0)
                .findFirst()
                .orElse(null);
        return new SourceFacts(audioCodec, frameRate, media.getDurationSeconds());
    }

    public boolean hasAudio() {
        return audioCodec != null;
    }

    private static Optional<StreamInfo> firstOfType(MediaInfo media, String type) {
        return media.getStreams().stream().filter(stream -> type.equals(stream.getType())).findFirst();
    }
}
