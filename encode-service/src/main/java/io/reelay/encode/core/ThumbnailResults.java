package io.reelay.encode.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.ThumbnailCapture;
import io.reelay.events.ThumbnailResult;
import io.reelay.events.ThumbnailsPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What became of every requested time of a thumbnail set, in request order: an image with its size, probe's
 * verdict for a time past the end, or the fact that ffmpeg produced no image (a time inside the source's last
 * frame interval has no frame to show).
 */
public final class ThumbnailResults {

    private ThumbnailResults() {
    }

    /**
     * @param imageBytes  size of every image ffmpeg produced, by path; absent or empty files failed
     * @param ffmpegError why ffmpeg failed, null when it exited normally (then a missing image had no frame)
     */
    public static List<ThumbnailResult> of(ThumbnailsPlan plan, Map<String, Long> imageBytes, String ffmpegError) {
        List<ThumbnailResult> results = new ArrayList<>();
        List<ThumbnailCapture> captures = plan.getCaptures();
        for (int i = 0; i < captures.size(); i++) {
            ThumbnailCapture capture = captures.get(i);
            if (capture.getFailure() != null) {
                results.add(failed(capture, capture.getFailure()));
                continue;
            }
            ThumbnailShot shot = ThumbnailShot.of(i + 1, capture.getTimeSeconds(), plan.getFormat());
            long bytes = imageBytes.getOrDefault(shot.path(), 0L);
            results.add(bytes > 0
                    ? ThumbnailResult.newBuilder().setTimeSeconds(shot.timeSeconds()).setPath(shot.path())
                            .setWidth(plan.getWidth()).setHeight(plan.getHeight()).setBytes(bytes).build()
                    : failed(capture, new Failure(FailureReason.THUMBNAIL_FAILED, ffmpegError == null
                            ? "the source has no frame at " + shot.timeSeconds() + " s"
                            : "no image at " + shot.timeSeconds() + " s: " + ffmpegError)));
        }
        return results;
    }

    private static ThumbnailResult failed(ThumbnailCapture capture, Failure failure) {
        return ThumbnailResult.newBuilder().setTimeSeconds(capture.getTimeSeconds()).setFailure(failure).build();
    }
}
