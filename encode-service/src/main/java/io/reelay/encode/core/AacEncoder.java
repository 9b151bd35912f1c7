package io.reelay.encode.core;

import io.reelay.events.Rendition;

import java.util.List;

/** AAC-LC with ffmpeg's native encoder, resampled to 48 kHz stereo so every rendition plays everywhere. */
final class AacEncoder implements AudioEncoder {

    @Override
    public List<String> sharedArgs() {
        return List.of("-c:a", "aac", "-ar", "48000", "-ac", "2");
    }

    @Override
    public List<String> streamArgs(int index, Rendition rendition) {
        return List.of("-b:a:" + index, Integer.toString(rendition.getAudioBitrate()));
    }

    @Override
    public String codecsAttribute() {
        return "mp4a.40.2";
    }
}
