package io.reelay.encode.core;

import io.reelay.events.Rendition;
import io.reelay.events.VideoCodec;

import java.util.List;

/** The ffmpeg encoder options of one video codec. New codecs (H.265, VP9, AV1) are new implementations. */
public interface VideoEncoder {

    static VideoEncoder forCodec(VideoCodec codec) {
        if (codec == VideoCodec.H264) {
            return new X264Encoder();
        }
        throw new OutputNotEncodableException(codec + " video is not supported yet");
    }

    /** Options that apply to every video stream of the output. */
    List<String> sharedArgs(String preset);

    /** Options of the output video stream with this index (rate control of one rendition). */
    List<String> streamArgs(int index, Rendition rendition);

    /** RFC 6381 codec string to announce when ffmpeg did not write one. */
    String codecsAttribute();
}
