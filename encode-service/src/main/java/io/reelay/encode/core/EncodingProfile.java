package io.reelay.encode.core;

import io.reelay.events.OutputPlan;

/**
 * The packaging and encoders one output needs, resolved before anything runs so that an unsupported
 * combination fails the output at once with a clear message.
 *
 * @param audio null when the output carries no audio
 */
public record EncodingProfile(Packaging packaging, VideoEncoder video, AudioEncoder audio) {

    /** Resolves the profile of an output; audio is encoded only when the plan asks for it and the source has it. */
    public static EncodingProfile of(OutputPlan plan, SourceFacts source) {
        boolean withAudio = plan.getIncludeAudio() && source.hasAudio();
        return new EncodingProfile(Packaging.forFormat(plan.getFormat()),
                VideoEncoder.forCodec(plan.getVideoCodec()),
                withAudio ? AudioEncoder.forCodec(plan.getAudioCodec()) : null);
    }

    public boolean withAudio() {
        return audio != null;
    }

    /** RFC 6381 CODECS value of every variant. */
    public String codecsAttribute() {
        return withAudio() ? video.codecsAttribute() + "," + audio.codecsAttribute() : video.codecsAttribute();
    }
}
