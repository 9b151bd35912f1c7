package io.reelay.state.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.ImageFormat;
import io.reelay.events.JobRequested;
import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputState;
import io.reelay.events.OutputStatus;
import io.reelay.events.Probed;
import io.reelay.events.ThumbnailCapture;
import io.reelay.events.ThumbnailResult;
import io.reelay.events.ThumbnailsPlan;
import io.reelay.events.ThumbnailsRequest;
import io.reelay.events.Uploaded;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.reelay.state.JobEvents.at;
import static io.reelay.state.JobEvents.probed;
import static io.reelay.state.JobEvents.requested;
import static io.reelay.state.JobEvents.uploaded;
import static io.reelay.state.core.Folding.HOOK;
import static io.reelay.state.core.Folding.fold;
import static io.reelay.state.core.Folding.output;
import static org.assertj.core.api.Assertions.assertThat;

/** A thumbnail set is tracked like an output and ends with the result of every requested time. */
class ThumbnailSetFoldTest {

    private static final ObjectLocation THUMBS = new ObjectLocation("out", "thumbs");
    private static final Failure PAST_THE_END = new Failure(FailureReason.THUMBNAIL_FAILED, "past the end");

    private static JobRequested requestedWithThumbnails() {
        JobRequested requested = requested("j1", HOOK, "hls");
        requested.setThumbnails(ThumbnailsRequest.newBuilder().setTimesSeconds(List.of(1.0, 99.0))
                .setDestination(THUMBS).build());
        return requested;
    }

    private static Probed probedWithThumbnails(Failure setFailure) {
        Probed probed = probed("j1", 1, "hls");
        probed.setThumbnails(ThumbnailsPlan.newBuilder().setOutputId("thumbnails").setFormat(ImageFormat.JPEG)
                .setWidth(320).setHeight(180).setDestination(THUMBS).setFailure(setFailure)
                .setCaptures(List.of(new ThumbnailCapture(1.0, null), new ThumbnailCapture(99.0, PAST_THE_END)))
                .build());
        return probed;
    }

    private static Uploaded thumbnailsUploaded(List<ThumbnailResult> thumbnails) {
        return Uploaded.newBuilder().setJobId("j1").setOutputId("thumbnails").setDestination(THUMBS).setBytes(4_000)
                .setObjectCount(1).setThumbnails(thumbnails).setUploadedAt(at(5)).build();
    }

    @Test
    void aRequestedSetIsQueuedWithNoThumbnailsYetAndEncodesOnceProbed() {
        JobState requested = fold(null, requestedWithThumbnails());
        assertThat(output(requested, "thumbnails").getStatus()).isEqualTo(OutputStatus.QUEUED);
        assertThat(output(requested, "thumbnails").getThumbnails()).isEmpty();
        assertThat(output(requested, "hls").getThumbnails()).as("a video output is no thumbnail set").isNull();

        JobState probed = fold(requested, probedWithThumbnails(null));
        assertThat(output(probed, "thumbnails").getStatus()).isEqualTo(OutputStatus.ENCODING);
    }

    @Test
    void aDeliveredSetKeepsEveryThumbnailIncludingTheFailedOnes() {
        ThumbnailResult image = ThumbnailResult.newBuilder().setTimeSeconds(1.0).setPath("thumb_0001.jpg")
                .setUrl("http://s3/out/thumbs/thumb_0001.jpg").setWidth(320).setHeight(180).setBytes(4_000).build();
        ThumbnailResult failed = ThumbnailResult.newBuilder().setTimeSeconds(99.0).setFailure(PAST_THE_END).build();

        JobState state = fold(null, requestedWithThumbnails(), probedWithThumbnails(null),
                thumbnailsUploaded(List.of(image, failed)), uploaded("j1", "hls", 1, 6));

        OutputState set = output(state, "thumbnails");
        assertThat(set.getStatus()).isEqualTo(OutputStatus.READY);
        assertThat(set.getThumbnails()).containsExactly(image, failed);
        assertThat(state.getStatus()).isEqualTo(JobStatus.COMPLETE);
    }

    @Test
    void aSetProbeCannotCaptureFailsWhileTheVideoOutputGoesOn() {
        Failure noVideo = new Failure(FailureReason.THUMBNAIL_FAILED, "every requested time is past the end");

        JobState state = fold(null, requestedWithThumbnails(), probedWithThumbnails(noVideo));

        assertThat(output(state, "thumbnails").getStatus()).isEqualTo(OutputStatus.FAILED);
        assertThat(output(state, "thumbnails").getFailure()).isEqualTo(noVideo);
        assertThat(output(state, "hls").getStatus()).isEqualTo(OutputStatus.ENCODING);
    }
}
