package io.reelay.encode.core;

import io.reelay.events.FailureReason;
import io.reelay.events.ImageFormat;
import io.reelay.events.ThumbnailCapture;
import io.reelay.events.ThumbnailsPlan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The argument list of the ONE ffmpeg process that captures a thumbnail set. Every time is its own input of the
 * same source with {@code -ss} before {@code -i}: ffmpeg seeks the input to the key frame before the time (HTTP
 * range requests on a presigned URL, nothing downloaded in between) and decodes only from there, so a capture
 * late in a long source costs no more than an early one. Each input yields one image file.
 */
public final class ThumbnailCommand {

    // JPEG quality scale of ffmpeg's mjpeg encoder: 2 (best) to 31; 3 is visually lossless for a thumbnail.
    private static final String JPEG_QUALITY = "3";
    // libwebp quality 0-100; 80 is its own default for photos.
    private static final String WEBP_QUALITY = "80";

    private ThumbnailCommand() {
    }

    /** The times the plan still wants captured, in request order; times probe already failed are left out. */
    public static List<ThumbnailShot> shots(ThumbnailsPlan plan) {
        List<ThumbnailShot> shots = new ArrayList<>();
        List<ThumbnailCapture> captures = plan.getCaptures();
        for (int i = 0; i < captures.size(); i++) {
            if (captures.get(i).getFailure() == null) {
                shots.add(ThumbnailShot.of(i + 1, captures.get(i).getTimeSeconds(), plan.getFormat()));
            }
        }
        return shots;
    }

    /**
     * @param input          where ffmpeg reads the source: a presigned HTTP URL, or a local path
     * @param watermarkInput where ffmpeg reads the plan's watermark image; null when the plan has none
     * @param scratchDir     where the images are written, named by {@link ThumbnailShot#path()}
     * @throws OutputNotEncodableException when there is nothing to capture or no size to capture at
     */
    public static List<String> forSet(String ffmpegBin, String input, String watermarkInput, ThumbnailsPlan plan,
                                      List<ThumbnailShot> shots, Path scratchDir) {
        if (shots.isEmpty()) {
            throw new OutputNotEncodableException(FailureReason.THUMBNAIL_FAILED,
                    "the thumbnail set has no time to capture");
        }
        if (plan.getWidth() <= 0 || plan.getHeight() <= 0) {
            throw new OutputNotEncodableException(FailureReason.THUMBNAIL_FAILED,
                    "thumbnail size " + plan.getWidth() + "x" + plan.getHeight() + " is not positive");
        }
        List<String> args = new ArrayList<>(List.of(ffmpegBin,
                "-hide_banner", "-nostdin", "-loglevel", "warning", "-nostats", "-progress", "pipe:1", "-y"));
        for (ThumbnailShot shot : shots) {
            args.addAll(List.of("-ss", FfmpegCommand.decimal(shot.timeSeconds())));
            args.addAll(FfmpegCommand.sourceInput(input));
        }
        if (plan.getWatermark() != null) {
            args.addAll(List.of("-i", watermarkInput));
        }
        args.addAll(List.of("-filter_complex", filterGraph(plan, shots.size())));
        for (int i = 0; i < shots.size(); i++) {
            args.addAll(List.of("-map", "[t" + i + "]", "-frames:v", "1", "-update", "1"));
            args.addAll(encoderArgs(plan.getFormat()));
            args.add(scratchDir.resolve(shots.get(i).path()).toString());
        }
        return List.copyOf(args);
    }

    /**
     * {@code [0:v:0]scale=W:H,setsar=1,format=F[t0];...}, with the watermark (the input after the source's) laid
     * over each scaled frame when the plan has one. The pixel format is set in the graph rather than left to the
     * encoder: an input that yields no frame (a time in the source's last frame interval) would otherwise leave the
     * JPEG encoder unable to open and fail the whole process instead of just that image.
     */
    static String filterGraph(ThumbnailsPlan plan, int inputs) {
        String pixelFormat = plan.getFormat() == ImageFormat.WEBP ? "yuv420p" : "yuvj420p";
        StringBuilder graph = new StringBuilder();
        if (plan.getWatermark() != null) {
            // one prepared copy of the image per thumbnail, since a filter output feeds exactly one input
            graph.append(WatermarkOverlay.image(plan.getWatermark(), "[" + inputs + ":v:0]", plan.getWidth()))
                    .append(",split=").append(inputs);
            for (int i = 0; i < inputs; i++) {
                graph.append("[w").append(i).append(']');
            }
            graph.append(';');
        }
        for (int i = 0; i < inputs; i++) {
            if (i > 0) {
                graph.append(';');
            }
            graph.append('[').append(i).append(":v:0]scale=").append(plan.getWidth()).append(':')
                    .append(plan.getHeight()).append(",setsar=1");
            if (plan.getWatermark() != null) {
                graph.append("[b").append(i).append("];[b").append(i).append("][w").append(i).append(']')
                        .append(WatermarkOverlay.overlay(plan.getWatermark(), plan.getWidth()));
            }
            graph.append(",format=").append(pixelFormat).append("[t").append(i).append(']');
        }
        return graph.toString();
    }

    private static List<String> encoderArgs(ImageFormat format) {
        return format == ImageFormat.WEBP
                ? List.of("-c:v", "libwebp", "-quality", WEBP_QUALITY)
                : List.of("-c:v", "mjpeg", "-q:v", JPEG_QUALITY);
    }
}
