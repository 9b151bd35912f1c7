package io.reelay.encode.core;

import io.reelay.events.Rendition;

import java.util.List;
import java.util.Map;

/** The source's audio, copied without re-encoding; whether the container can carry it is checked beforehand. */
final class AudioCopy implements AudioEncoder {

    // RFC 6381 strings by ffprobe codec name; AAC assumed LC, the profile nearly every source uses
    private static final Map<String, String> CODECS = Map.of(
            "aac", "mp4a.40.2",
            "mp3", "mp4a.40.34",
            "ac3", "ac-3",
            "eac3", "ec-3",
            "opus", "Opus",
            "flac", "fLaC",
            "alac", "alac");

    private final String sourceCodec;

    AudioCopy(String sourceCodec) {
        this.sourceCodec = sourceCodec;
    }

    @Override
    public List<String> sharedArgs() {
        return List.of("-c:a", "copy");
    }

    @Override
    public List<String> streamArgs(int index, Rendition rendition) {
        return List.of();
    }

    @Override
    public String codecsAttribute() {
        return CODECS.getOrDefault(sourceCodec, "mp4a.40.2");
    }
}
