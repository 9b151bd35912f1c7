package io.reelay.encode.core;

import io.reelay.events.Rendition;

import java.util.List;

/** Opus through libopus; Opus is always decoded at 48 kHz, stereo keeps every rendition playable everywhere. */
final class OpusEncoder implements AudioEncoder {

    @Override
    public List<String> sharedArgs() {
        return List.of("-c:a", "libopus", "-ar", "48000", "-ac", "2");
    }

    @Override
    public List<String> streamArgs(int index, Rendition rendition) {
        return List.of("-b:a:" + index, Integer.toString(rendition.getAudioBitrate()));
    }

    @Override
    public String codecsAttribute() {
        return "Opus";
    }
}
