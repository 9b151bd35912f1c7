package io.reelay.encode.core;

import io.reelay.events.OutputPlan;
import io.reelay.events.Rendition;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
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
     * @param preset    x264-style speed/quality preset (e.g. veryfast)
     */
    public record Settings(String ffmpegBin, String preset) {
    }

    private FfmpegCommand() {
    }

    /**
     * @param input      where ffmpeg reads the source: a presigned HTTP URL, or a local path
     * @param scratchDir where ffmpeg writes the output's files, one folder per rendition
     * @throws OutputNotEncodableException when the plan cannot be encoded
     */
    public static List<String> forOutput(Settings settings, String input, OutputPlan plan, SourceFacts source,
                                         EncodingProfile profile, Path scratchDir) {
        List<Rendition> renditions = plan.getRenditions();
        checkRenditions(renditions);
        double segmentSeconds = plan.getSegmentSeconds();
        if (!(segmentSeconds > 0)) {
            throw new OutputNotEncodableException("segment duration must be positive, was " + segmentSeconds);
        }
        List<String> args = new ArrayList<>(List.of(settings.ffmpegBin(),
                "-hide_banner", "-nostdin", "-loglevel", "warning", "-nostats", "-progress", "pipe:1", "-y",
                "-i", input,
                "-filter_complex", scaleGraph(renditions)));
        for (int i = 0; i < renditions.size(); i++) {
            args.addAll(List.of("-map", "[v" + i + "]"));
        }
        if (profile.withAudio()) {
            renditions.forEach(rendition -> args.addAll(List.of("-map", "0:a:0")));
        }
        args.addAll(profile.video().sharedArgs(settings.preset()));
        double frameRate = source.frameRate() != null ? source.frameRate() : FALLBACK_FRAME_RATE;
        args.addAll(List.of(
                // a GOP never spans more than one segment, and a keyframe opens every segment
                "-g", Long.toString(Math.max(1, (long) Math.floor(frameRate * segmentSeconds))),
                "-force_key_frames", "expr:gte(t,n_forced*" + decimal(segmentSeconds) + ")"));
        for (int i = 0; i < renditions.size(); i++) {
            args.addAll(profile.video().streamArgs(i, renditions.get(i)));
        }
        if (profile.withAudio()) {
            args.addAll(profile.audio().sharedArgs());
            for (int i = 0; i < renditions.size(); i++) {
                args.addAll(profile.audio().streamArgs(i, renditions.get(i)));
            }
        }
        args.addAll(profile.packaging().muxerArgs(renditions, profile.withAudio(), segmentSeconds, scratchDir));
        return List.copyOf(args);
    }

    /** {@code [0:v:0]split=N[s0][s1]...;[s0]scale=W:H,setsar=1[v0];...}: decode once, scale per rendition. */
    static String scaleGraph(List<Rendition> renditions) {
        StringBuilder graph = new StringBuilder("[0:v:0]split=").append(renditions.size());
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
