package io.reelay.encode.core;

import io.reelay.events.Rendition;
import io.reelay.events.VideoCodec;

import java.util.List;

/**
 * The ffmpeg encoder options of one video codec. Every encoder must honour ffmpeg's forced keyframes as IDR/key
 * frames and insert none of its own on scene cuts: segments of all renditions start at the same instant.
 */
public interface VideoEncoder {

    static VideoEncoder forCodec(VideoCodec codec, EncoderPresets presets) {
        return switch (codec) {
            case H264 -> new X264Encoder(presets.x264());
            case H265 -> new X265Encoder(presets.x265());
            case VP9 -> new Vp9Encoder(presets.vp9Deadline(), presets.vp9CpuUsed());
            case AV1 -> new SvtAv1Encoder(presets.av1Preset());
        };
    }

    /** Options that apply to every video stream of the output. */
    List<String> sharedArgs(Container container);

    /** Options of the output video stream with this index (rate control of one rendition). */
    List<String> streamArgs(int index, Rendition rendition);

    /** RFC 6381 codec string to announce when none could be read from the encoded stream. */
    String codecsAttribute();
}
