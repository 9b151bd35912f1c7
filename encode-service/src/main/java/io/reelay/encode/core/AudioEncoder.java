package io.reelay.encode.core;

import io.reelay.events.AudioCodec;
import io.reelay.events.Rendition;

import java.util.List;

/** The ffmpeg options of one audio codec, or of copying the source's audio unchanged. */
public interface AudioEncoder {

    /** @param sourceCodec ffprobe's name of the source's audio codec, for copying; null when unknown */
    static AudioEncoder forCodec(AudioCodec codec, String sourceCodec) {
        return switch (codec) {
            case AAC -> AudioTranscoder.AAC;
            case OPUS -> AudioTranscoder.OPUS;
            case COPY -> new AudioCopy(sourceCodec);
        };
    }

    /** Options that apply to every audio stream of the output. */
    List<String> sharedArgs();

    /** Options of the output audio stream with this index, at the bitrate the rendition asks for. */
    List<String> streamArgs(int index, Rendition rendition);

    /** RFC 6381 codec string to announce when none could be read from the encoded stream. */
    String codecsAttribute();
}
