package io.reelay.probe.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.JobRequested;
import io.reelay.events.MediaInfo;
import io.reelay.events.OutputPlan;
import io.reelay.events.Probed;
import io.reelay.events.ThumbnailsPlan;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns what happened to a source into the {@link Probed} event: media facts and a plan per output, or a failure
 * with a stable reason. Every outcome yields an event, so a bad source fails its job instead of the service.
 */
public final class ProbeDecision {

    static final int STDERR_TAIL_LINES = 5;
    static final int STDERR_TAIL_CHARS = 1_000;

    private static final String INVALID_DATA = "Invalid data found when processing input";
    // An MP4 whose index sits at the end and was never written or received: random bytes named .mp4 look the same.
    private static final String NO_MP4_INDEX = "moov atom not found";
    // A presigned URL that ffprobe echoes back must not carry a usable signature onto the wire.
    private static final Pattern SIGNATURE = Pattern.compile("(?i)(X-Amz-Signature|Signature)=[^&\\s]+");

    private ProbeDecision() {
    }

    public static Probed probed(JobRequested job, ProbeOutcome outcome, Instant probedAt) {
        return probed(job, outcome, 1, probedAt);
    }

    /** @param tries how many times the source was probed; a failure that persisted over retries says so */
    public static Probed probed(JobRequested job, ProbeOutcome outcome, int tries, Instant probedAt) {
        Probed probed = decide(job, outcome, probedAt);
        if (probed.getFailure() != null && tries > 1) {
            Failure failure = probed.getFailure();
            probed.setFailure(new Failure(failure.getReason(), failure.getMessage() + " (gave up after " + tries
                    + " tries)"));
        }
        return probed;
    }

    private static Probed decide(JobRequested job, ProbeOutcome outcome, Instant probedAt) {
        String source = "s3://" + job.getSource().getBucket() + "/" + job.getSource().getKey();
        if (outcome instanceof ProbeOutcome.SourceMissing) {
            return failed(job, FailureReason.SOURCE_NOT_FOUND, "source " + source + " does not exist", probedAt);
        }
        if (outcome instanceof ProbeOutcome.SourceForbidden) {
            return failed(job, FailureReason.SOURCE_FORBIDDEN, "access to source " + source + " is denied", probedAt);
        }
        if (outcome instanceof ProbeOutcome.SourceEmpty) {
            return failed(job, FailureReason.SOURCE_EMPTY, "source " + source + " is empty", probedAt);
        }
        if (outcome instanceof ProbeOutcome.ProbeError error) {
            return failed(job, FailureReason.PROBE_FAILED, error.message(), probedAt);
        }
        ProbeOutcome.FfprobeFinished finished = (ProbeOutcome.FfprobeFinished) outcome;
        return fromFfprobe(job, finished.result(), finished.sourceUrl(), source, probedAt);
    }

    /** A failed probe of the whole job, for outcomes decided outside this class (e.g. an unexpected error). */
    public static Probed failed(JobRequested job, FailureReason reason, String message, Instant probedAt) {
        return base(job, probedAt).setFailure(new Failure(reason, message)).build();
    }

    private static Probed fromFfprobe(JobRequested job, ProcessResult result, String url, String source,
                                      Instant probedAt) {
        String stderr = stderrTail(result.stderr().replace(url, source));
        if (result.timedOut()) {
            return failed(job, FailureReason.PROBE_FAILED,
                    "ffprobe did not finish within " + result.elapsed().toSeconds() + " s" + suffix(stderr), probedAt);
        }
        if (result.exitCode() != 0 && result.stderr().contains(NO_MP4_INDEX)) {
            return failed(job, FailureReason.SOURCE_NOT_VIDEO, "source " + source + " has no MP4 index (moov atom):"
                    + " it is incomplete (was the upload cut short?) or not a video", probedAt);
        }
        if (result.exitCode() != 0) {
            FailureReason reason = reasonOf(result.stderr());
            String message = reason == FailureReason.SOURCE_NOT_VIDEO
                    ? "source " + source + " is not a video or audio file ffprobe can read" + suffix(stderr)
                    : "ffprobe exited with " + result.exitCode() + suffix(stderr);
            return failed(job, reason, message, probedAt);
        }
        MediaInfo media;
        try {
            media = FfprobeReport.parse(result.stdout());
        } catch (FfprobeReport.UnreadableReportException e) {
            return failed(job, FailureReason.PROBE_FAILED, e.getMessage(), probedAt);
        }
        if (media.getStreams().isEmpty()) {
            return failed(job, FailureReason.SOURCE_NOT_VIDEO, "source " + source + " has no audio or video streams",
                    probedAt);
        }
        if (isStillImage(media.getContainer())) {
            return failed(job, FailureReason.SOURCE_NOT_VIDEO,
                    "source " + source + " is a still image (" + media.getContainer() + ")", probedAt);
        }
        // Encoding a cut-off file would deliver a shorter video as if it were whole; the user re-uploads instead.
        Optional<String> truncation = FfprobeReport.truncation(result.stdout());
        if (truncation.isPresent()) {
            return failed(job, FailureReason.SOURCE_NOT_VIDEO, "source " + source + " is incomplete, "
                    + truncation.get() + " (was the upload cut short?)", probedAt);
        }
        List<OutputPlan> plan = job.getOutputs().stream()
                .map(output -> LadderPlanner.plan(media, output))
                .toList();
        ThumbnailsPlan thumbnails = job.getThumbnails() == null ? null : ThumbnailPlanner.plan(media, job.getThumbnails());
        return base(job, probedAt).setMedia(media).setPlan(plan).setThumbnails(thumbnails).build();
    }

    /**
     * Reads ffprobe's complaint. A source deleted or locked between the existence check and the probe shows up
     * here as the HTTP status ffprobe got.
     */
    static FailureReason reasonOf(String stderr) {
        if (stderr.contains(INVALID_DATA)) {
            return FailureReason.SOURCE_NOT_VIDEO;
        }
        if (stderr.contains("404 Not Found")) {
            return FailureReason.SOURCE_NOT_FOUND;
        }
        if (stderr.contains("403 Forbidden")) {
            return FailureReason.SOURCE_FORBIDDEN;
        }
        return FailureReason.PROBE_FAILED;
    }

    /** Image demuxers (png_pipe, jpeg_pipe, image2...) read one picture, not a video. */
    static boolean isStillImage(String container) {
        return Arrays.stream(container.split(","))
                .anyMatch(name -> name.endsWith("_pipe") || name.equals("image2"));
    }

    /** The last lines ffprobe wrote, which name the actual error, with any URL signature removed. */
    static String stderrTail(String stderr) {
        List<String> lines = stderr.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - STDERR_TAIL_LINES), lines.size()));
        tail = SIGNATURE.matcher(tail).replaceAll("$1=REDACTED");
        return tail.length() <= STDERR_TAIL_CHARS ? tail : tail.substring(tail.length() - STDERR_TAIL_CHARS);
    }

    private static String suffix(String stderrTail) {
        return stderrTail.isEmpty() ? "" : ": " + stderrTail;
    }

    private static Probed.Builder base(JobRequested job, Instant probedAt) {
        return Probed.newBuilder()
                .setJobId(job.getJobId())
                .setAttempt(job.getAttempt())
                .setSource(job.getSource())
                .setProbedAt(probedAt);
    }
}
