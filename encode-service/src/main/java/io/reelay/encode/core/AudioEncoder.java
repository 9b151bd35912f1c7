package io.reelay.encode.core;

import io.reelay.events.AudioCodec;
import io.reelay.events.Rendition;

import java.util.List;

/** The ffmpeg encoder options of one audio codec. New codecs (Opus, pass-through) are new implementations. */
public interface AudioEncoder {

    static AudioEncoder forCodec(AudioCodec codec) {
        if (codec == AudioCodec.AAC) {
            return new AacEncoder();
        }
        throw new OutputNotEncodableException(codec + " audio is not supported yet");
    }

    /** Options that apply to every audio stream of the output. */
    List<String> sharedArgs();

    /** Options of the output audio stream with this index (the audio of one rendition). */
    List<String> streamArgs(int index, Rendition rendition);

    /** RFC 6381 codec string to announce when ffmpeg did not write one. */
    String codecsAttribute();
}
