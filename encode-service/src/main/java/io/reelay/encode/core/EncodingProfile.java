package io.reelay.encode.core;

import io.reelay.events.AudioCodec;
import io.reelay.events.OutputPlan;

/**
 * The packaging and encoders one output needs, resolved before anything runs so that a combination the
 * container cannot carry fails the output at once with a clear message.
 *
 * @param audio null when the output carries no audio
 */
public record EncodingProfile(Packaging packaging, VideoEncoder video, AudioEncoder audio) {

    /** Resolves the profile of an output; audio is encoded only when the plan asks for it and the source has it. */
    public static EncodingProfile of(OutputPlan plan, SourceFacts source, EncoderPresets presets) {
        Packaging packaging = Packaging.forFormat(plan.getFormat());
        Container container = packaging.container();
        if (!container.carries(plan.getVideoCodec())) {
            throw new OutputNotEncodableException(plan.getVideoCodec() + " video cannot be packaged as "
                    + plan.getFormat());
        }
        boolean withAudio = plan.getIncludeAudio() && source.hasAudio();
        if (withAudio && !container.carries(plan.getAudioCodec())) {
            throw new OutputNotEncodableException(plan.getAudioCodec() + " audio cannot be packaged as "
                    + plan.getFormat());
        }
        if (withAudio && plan.getAudioCodec() == AudioCodec.COPY && !container.carriesCopied(source.audioCodec())) {
            throw new OutputNotEncodableException("the source's " + source.audioCodec()
                    + " audio cannot be copied into " + plan.getFormat() + "; encode it to AAC instead");
        }
        return new EncodingProfile(packaging, VideoEncoder.forCodec(plan.getVideoCodec(), presets),
                withAudio ? AudioEncoder.forCodec(plan.getAudioCodec(), source.audioCodec()) : null);
    }

    public boolean withAudio() {
        return audio != null;
    }

    /** RFC 6381 CODECS value of every variant. */
    public String codecsAttribute() {
        return withAudio() ? video.codecsAttribute() + "," + audio.codecsAttribute() : video.codecsAttribute();
    }
}
