package io.reelay.encode.core;

import io.reelay.events.FailureReason;
import io.reelay.events.OutputPlan;
import io.reelay.events.Rendition;
import io.reelay.events.Watermark;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The argument list of the ONE ffmpeg process that encodes an output: the source is read and decoded once,
 * split into one scaled branch per rendition, and every rendition is encoded and packaged by the same process
 * (about half the CPU of one process per rendition). Keyframes are forced at every segment boundary in every
 * rendition, so segments line up across the ladder and players can switch rendition at any segment.
 */
public final class FfmpegCommand {

    // Rendition names become folder names and -var_stream_map names, where spaces, commas and colons break parsing.
    private static final Pattern RENDITION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    // Frame rate assumed for the GOP length when probe did not report one; erring low only shortens GOPs.
    private static final double FALLBACK_FRAME_RATE = 24;

    /**
     * @param ffmpegBin path of the ffmpeg executable
     * @param presets   speed/quality trade-off of each video encoder
     */
    public record Settings(String ffmpegBin, EncoderPresets presets) {
    }

    private FfmpegCommand() {
    }

    /**
     * {@code -i} of the source, with what ffmpeg needs to read it over HTTP to its end. Without reconnects a response
     * the object store cuts short ends the input there, and ffmpeg exits 0 with a truncated output; with them it
     * reconnects at the byte it had reached and, while the store does not answer, tries again with growing waits for
     * about two minutes (ffmpeg's default {@code reconnect_delay_max}).
     */
    static List<String> sourceInput(String input) {
        if (input.startsWith("http://") || input.startsWith("https://")) {
            return List.of("-reconnect", "1", "-reconnect_on_network_error", "1", "-i", input);
        }
        return List.of("-i", input);
    }

    /** The command of an output without a watermark. */
    public static List<String> forOutput(Settings settings, String input, OutputPlan plan, SourceFacts source,
                                         EncodingProfile profile, Path scratchDir) {
        return forOutput(settings, input, null, plan, source, profile, scratchDir);
    }

    /**
     * @param input          where ffmpeg reads the source: a presigned HTTP URL, or a local path
     * @param watermarkInput where ffmpeg reads the plan's watermark image; null when the plan has none
     * @param scratchDir     where ffmpeg writes the output's files, one folder per rendition
     * @throws OutputNotEncodableException when the plan cannot be encoded
     */
    public static List<String> forOutput(Settings settings, String input, String watermarkInput, OutputPlan plan,
                                         SourceFacts source, EncodingProfile profile, Path scratchDir) {
        List<Rendition> renditions = plan.getRenditions();
        checkRenditions(renditions);
        Watermark watermark = plan.getWatermark();
        if (watermark != null && watermarkInput == null) {
            throw new OutputNotEncodableException(FailureReason.WATERMARK_FAILED, "the watermark image has no input");
        }
        double segmentSeconds = plan.getSegmentSeconds();
        if (!(segmentSeconds > 0)) {
            throw new OutputNotEncodableException("segment duration must be positive, was " + segmentSeconds);
        }
        List<String> args = new ArrayList<>(List.of(settings.ffmpegBin(),
                "-hide_banner", "-nostdin", "-loglevel", "warning", "-nostats", "-progress", "pipe:1", "-y"));
        args.addAll(sourceInput(input));
        if (watermark != null) {
            // one still image: overlay repeats its only frame over the whole video
            args.addAll(List.of("-i", watermarkInput));
        }
        args.addAll(List.of("-filter_complex", scaleGraph(renditions, watermark)));
        for (int i = 0; i < renditions.size(); i++) {
            args.addAll(List.of("-map", "[v" + i + "]"));
        }
        List<Rendition> audioStreams = audioStreams(profile, renditions);
        audioStreams.forEach(rendition -> args.addAll(List.of("-map", "0:a:0")));
        args.addAll(profile.video().sharedArgs(profile.packaging().container()));
        double frameRate = source.frameRate() != null ? source.frameRate() : FALLBACK_FRAME_RATE;
        if (source.frameRate() != null) {
            // constant frame rate out of a variable-rate source: players and FRAME-RATE expect one rate per variant
            args.addAll(List.of("-fps_mode", "cfr", "-r", decimal(source.frameRate())));
        }
        args.addAll(List.of(
                // a GOP never spans more than one segment, and a keyframe opens every segment
                "-g", Long.toString(Math.max(1, (long) Math.floor(frameRate * segmentSeconds))),
                "-force_key_frames", "expr:gte(t,n_forced*" + decimal(segmentSeconds) + ")"));
        for (int i = 0; i < renditions.size(); i++) {
            args.addAll(profile.video().streamArgs(i, renditions.get(i)));
        }
        if (profile.withAudio()) {
            args.addAll(profile.audio().sharedArgs());
            for (int i = 0; i < audioStreams.size(); i++) {
                args.addAll(profile.audio().streamArgs(i, audioStreams.get(i)));
            }
        }
        args.addAll(profile.packaging().muxerArgs(renditions, profile.withAudio(), segmentSeconds, scratchDir));
        return List.copyOf(args);
    }

    /** One audio stream per rendition, or a single one at the ladder's highest audio bitrate when shared. */
    private static List<Rendition> audioStreams(EncodingProfile profile, List<Rendition> renditions) {
        if (!profile.withAudio()) {
            return List.of();
        }
        if (profile.packaging().sharesAudio()) {
            return List.of(renditions.stream().max(Comparator.comparingInt(Rendition::getAudioBitrate)).orElseThrow());
        }
        return renditions;
    }

    /**
     * {@code [0:v:0]split=N[s0][s1]...;[s0]scale=W:H,setsar=1[v0];...}: decode once, scale per rendition. A watermark
     * (input 1) is laid once, before the split, over the source scaled to the largest rendition: every rendition
     * then carries it at the same place and relative size, for the cost of one overlay.
     */
    static String scaleGraph(List<Rendition> renditions, Watermark watermark) {
        StringBuilder graph = new StringBuilder();
        if (watermark == null) {
            graph.append("[0:v:0]");
        } else {
            Rendition largest = renditions.stream()
                    .max(Comparator.comparingLong(rendition -> (long) rendition.getWidth() * rendition.getHeight()))
                    .orElseThrow();
            graph.append("[0:v:0]scale=").append(largest.getWidth()).append(':').append(largest.getHeight())
                    .append(",setsar=1[main];")
                    .append(WatermarkOverlay.image(watermark, "[1:v:0]", largest.getWidth())).append("[mark];")
                    .append("[main][mark]").append(WatermarkOverlay.overlay(watermark, largest.getWidth())).append(',');
        }
        graph.append("split=").append(renditions.size());
        for (int i = 0; i < renditions.size(); i++) {
            graph.append("[s").append(i).append(']');
        }
        for (int i = 0; i < renditions.size(); i++) {
            Rendition rendition = renditions.get(i);
            graph.append(";[s").append(i).append("]scale=").append(rendition.getWidth()).append(':')
                    .append(rendition.getHeight()).append(",setsar=1[v").append(i).append(']');
        }
        return graph.toString();
    }

    /** A number as ffmpeg options want it: {@code 2}, {@code 1.5}, never {@code 2.0} or exponent notation. */
    static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static boolean isPositiveEven(int pixels) {
        return pixels > 0 && pixels % 2 == 0;
    }

    private static void checkRenditions(List<Rendition> renditions) {
        if (renditions.isEmpty()) {
            throw new OutputNotEncodableException("the output has no renditions");
        }
        Set<String> names = new HashSet<>();
        for (Rendition rendition : renditions) {
            String name = rendition.getName();
            if (!RENDITION_NAME.matcher(name).matches()) {
                throw new OutputNotEncodableException("rendition name '" + name
                        + "' must be 1-64 letters, digits, '-' or '_'");
            }
            if (!names.add(name)) {
                throw new OutputNotEncodableException("rendition name '" + name + "' is used twice");
            }
            if (!isPositiveEven(rendition.getWidth()) || !isPositiveEven(rendition.getHeight())
                    || rendition.getVideoBitrate() <= 0) {
                // 4:2:0 chroma halves both dimensions, so x264 refuses odd frame sizes
                throw new OutputNotEncodableException("rendition '" + name
                        + "' needs an even width and height and a positive bitrate");
            }
        }
    }
}
