package io.reelay.encode.core;

import io.reelay.events.MediaInfo;
import io.reelay.events.StreamInfo;

/**
 * What the encoder needs to know about the source, taken from probe's media facts.
 *
 * @param hasAudio        whether the source has an audio stream to encode
 * @param frameRate       average frame rate of the first video stream; null when probe could not tell
 * @param durationSeconds duration of the source, for progress
 */
public record SourceFacts(boolean hasAudio, Double frameRate, double durationSeconds) {

    public static SourceFacts of(MediaInfo media) {
        if (media == null) {
            return new SourceFacts(false, null, 0);
        }
        boolean hasAudio = media.getStreams().stream().anyMatch(stream -> "audio".equals(stream.getType()));
        Double frameRate = media.getStreams().stream()
                .filter(stream -> "video".equals(stream.getType()))
                .map(StreamInfo::getFrameRate)
                .filter(rate -> rate != null && rate > 0)
                .findFirst()
                .orElse(null);
        return new SourceFacts(hasAudio, frameRate, media.getDurationSeconds());
    }
}
