package io.reelay.encode.core;

import io.reelay.events.Rendition;

import java.util.List;

/**
 * Re-encodes audio at each rendition's bitrate, resampled to 48 kHz stereo so every rendition plays everywhere
 * (Opus is always decoded at 48 kHz anyway).
 *
 * @param ffmpegEncoder ffmpeg's encoder name: {@code aac} (native AAC-LC) or {@code libopus}
 * @param codecsAttribute RFC 6381 codec string of what the encoder produces
 */
record AudioTranscoder(String ffmpegEncoder, String codecsAttribute) implements AudioEncoder {

    static final AudioTranscoder AAC = new AudioTranscoder("aac", "mp4a.40.2");
    static final AudioTranscoder OPUS = new AudioTranscoder("libopus", "Opus");

    @Override
    public List<String> sharedArgs() {
        return List.of("-c:a", ffmpegEncoder, "-ar", "48000", "-ac", "2");
    }

    @Override
    public List<String> streamArgs(int index, Rendition rendition) {
        return List.of("-b:a:" + index, Integer.toString(rendition.getAudioBitrate()));
    }
}
