package io.reelay.encode.core;

import io.reelay.events.AudioCodec;
import io.reelay.events.VideoCodec;

import java.util.EnumSet;
import java.util.Set;

/**
 * The segment container of an output and the codecs it can carry: what players read from MPEG-TS is H.264 or
 * H.265 with AAC (or MP3/AC-3 passed through); fragmented MP4 carries every codec Reelay encodes.
 */
public enum Container {

    MPEG_TS(EnumSet.of(VideoCodec.H264, VideoCodec.H265), EnumSet.of(AudioCodec.AAC, AudioCodec.COPY),
            Set.of("aac", "mp3", "ac3", "eac3")),
    FMP4(EnumSet.allOf(VideoCodec.class), EnumSet.allOf(AudioCodec.class),
            Set.of("aac", "mp3", "ac3", "eac3", "opus", "flac", "alac"));

    private final Set<VideoCodec> video;
    private final Set<AudioCodec> audio;
    private final Set<String> copyableAudio;

    Container(Set<VideoCodec> video, Set<AudioCodec> audio, Set<String> copyableAudio) {
        this.video = video;
        this.audio = audio;
        this.copyableAudio = copyableAudio;
    }

    public boolean carries(VideoCodec codec) {
        return video.contains(codec);
    }

    public boolean carries(AudioCodec codec) {
        return audio.contains(codec);
    }

    /** Whether source audio in this codec (ffprobe's name) can be copied into the container unchanged. */
    public boolean carriesCopied(String sourceAudioCodec) {
        return sourceAudioCodec != null && copyableAudio.contains(sourceAudioCodec);
    }
}
