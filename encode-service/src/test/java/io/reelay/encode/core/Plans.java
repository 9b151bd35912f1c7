package io.reelay.encode.core;

import io.reelay.events.AudioCodec;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputPlan;
import io.reelay.events.Rendition;
import io.reelay.events.VideoCodec;

import java.util.List;

/** Output plans as probe produces them, for tests. */
public final class Plans {

    /** The fastest setting of every encoder: tests encode tiny clips and check structure, not quality. */
    public static final EncoderPresets FASTEST = new EncoderPresets("veryfast", "ultrafast", "realtime", 8, 12);

    private Plans() {
    }

    public static Rendition rendition(String name, int width, int height, int videoBitrate, int audioBitrate) {
        return new Rendition(name, width, height, videoBitrate, audioBitrate);
    }

    public static OutputPlan hls(String outputId, double segmentSeconds, boolean includeAudio,
                                 List<Rendition> renditions) {
        return plan(outputId, OutputFormat.HLS_FMP4, VideoCodec.H264, AudioCodec.AAC, segmentSeconds, includeAudio,
                renditions);
    }

    public static OutputPlan plan(String outputId, OutputFormat format, VideoCodec video, AudioCodec audio,
                                  double segmentSeconds, boolean includeAudio, List<Rendition> renditions) {
        return OutputPlan.newBuilder()
                .setOutputId(outputId)
                .setFormat(format)
                .setVideoCodec(video)
                .setAudioCodec(audio)
                .setIncludeAudio(includeAudio)
                .setSegmentSeconds(segmentSeconds)
                .setRenditions(renditions)
                .setDestination(new ObjectLocation("videos", "out/" + outputId))
                .build();
    }

    public static List<Rendition> threeRungLadder() {
        return List.of(rendition("1080p", 1920, 1080, 5_000_000, 128_000),
                rendition("720p", 1280, 720, 2_800_000, 128_000),
                rendition("360p", 640, 360, 800_000, 96_000));
    }
}
