package io.reelay.probe.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.MediaInfo;
import io.reelay.events.StreamInfo;
import io.reelay.events.ThumbnailCapture;
import io.reelay.events.ThumbnailsPlan;
import io.reelay.events.ThumbnailsRequest;

import java.util.List;
import java.util.Optional;

/**
 * Decides what a thumbnail set captures from one source: the size of the images (a side left at 0 follows the
 * displayed frame's aspect; both at 0 take the displayed size) and which times exist. A time at or past the end of
 * the source fails only its own thumbnail; the set fails only when it cannot yield a single image.
 */
public final class ThumbnailPlanner {

    private ThumbnailPlanner() {
    }

    public static ThumbnailsPlan plan(MediaInfo media, ThumbnailsRequest request) {
        double duration = media.getDurationSeconds();
        List<ThumbnailCapture> captures = request.getTimesSeconds().stream()
                .map(time -> new ThumbnailCapture(time, pastTheEnd(time, duration)))
                .toList();
        ThumbnailsPlan.Builder plan = ThumbnailsPlan.newBuilder()
                .setOutputId(request.getOutputId())
                .setFormat(request.getFormat())
                .setCaptures(captures)
                .setDestination(request.getDestination())
                .setWatermark(request.getWatermark());
        Optional<StreamInfo> video = media.getStreams().stream().filter(LadderPlanner::isPicture).findFirst();
        if (video.isEmpty()) {
            return plan.setWidth(0).setHeight(0)
                    .setFailure(new Failure(FailureReason.SOURCE_HAS_NO_VIDEO, "the source has no video stream"))
                    .build();
        }
        LadderPlanner.Frame frame = LadderPlanner.Frame.displayed(video.get());
        int width = request.getWidth();
        int height = request.getHeight();
        plan.setWidth(width > 0 ? width : height > 0 ? scaled(height, frame.width(), frame.height()) : frame.width());
        plan.setHeight(height > 0 ? height : width > 0 ? scaled(width, frame.height(), frame.width()) : frame.height());
        if (captures.stream().allMatch(capture -> capture.getFailure() != null)) {
            plan.setFailure(new Failure(FailureReason.THUMBNAIL_FAILED,
                    "every requested time is past the end of the source (" + duration + " s long)"));
        }
        return plan.build();
    }

    /** Null when the source has a frame at the time; a duration of 0 means ffprobe could not tell, so no verdict. */
    private static Failure pastTheEnd(double time, double duration) {
        if (duration <= 0 || time < duration) {
            return null;
        }
        return new Failure(FailureReason.THUMBNAIL_FAILED,
                "time " + time + " s is past the end of the source (" + duration + " s long)");
    }

    /** The side that keeps the frame's aspect, given the other side: {@code given * numerator / denominator}. */
    private static int scaled(int given, int numerator, int denominator) {
        return (int) Math.max(1, Math.round((double) given * numerator / denominator));
    }
}
