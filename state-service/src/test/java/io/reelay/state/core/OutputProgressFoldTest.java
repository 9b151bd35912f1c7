package io.reelay.state.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.events.OutputState;
import io.reelay.events.OutputStatus;
import io.reelay.events.SegmentEncoded;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.reelay.state.JobEvents.DURATION_SECONDS;
import static io.reelay.state.JobEvents.at;
import static io.reelay.state.JobEvents.encodeFailed;
import static io.reelay.state.JobEvents.masterPlaylist;
import static io.reelay.state.JobEvents.playlistUrl;
import static io.reelay.state.JobEvents.segment;
import static io.reelay.state.JobEvents.uploadFailed;
import static io.reelay.state.JobEvents.uploaded;
import static io.reelay.state.JobEvents.usage;
import static io.reelay.state.core.Folding.encoding;
import static io.reelay.state.core.Folding.fold;
import static io.reelay.state.core.Folding.output;
import static org.assertj.core.api.Assertions.assertThat;

/** How encoding and delivery events move an output, and with it the job. */
class OutputProgressFoldTest {

    @Nested
    class Encoding {

        @Test
        void countsStagedFilesAndBytesAndReportsMediaTimeAsPercent() {
            JobState job = fold(encoding("hls"), segment("j1", "hls", 1, 0, 0.0, 2));

            OutputState hls = output(job, "hls");
            assertThat(hls.getAttempt()).isEqualTo(1);
            assertThat(hls.getFilesStaged()).isEqualTo(1);
            assertThat(hls.getBytesStaged()).isEqualTo(100_000);
            assertThat(hls.getEncodedSeconds()).isEqualTo(2.0);
            assertThat(hls.getPercent()).isEqualTo(50.0);
            assertThat(hls.getUpdatedAt()).isEqualTo(at(2));
        }

        @Test
        void percentFollowsTheEncoderWhenItIsAheadOfTheStagedSegments() {
            SegmentEncoded aheadOfSegments = SegmentEncoded.newBuilder(segment("j1", "hls", 1, 0, 0.0, 2))
                    .setEncodedSeconds(3.0)
                    .build();

            JobState job = JobStateFolder.apply(encoding("hls"), aheadOfSegments);

            assertThat(output(job, "hls").getPercent()).isEqualTo(75.0);
        }

        @Test
        void percentNeverExceedsOneHundred() {
            SegmentEncoded pastTheEnd = SegmentEncoded.newBuilder(segment("j1", "hls", 1, 0, 0.0, 2))
                    .setEncodedSeconds(DURATION_SECONDS + 0.04)
                    .build();

            JobState job = JobStateFolder.apply(encoding("hls"), pastTheEnd);

            assertThat(output(job, "hls").getPercent()).isEqualTo(100.0);
        }

        @Test
        void redeliveredFileIsCountedOnceAndKeepsTheVersion() {
            JobState once = fold(encoding("hls"), segment("j1", "hls", 1, 0, 0.0, 2),
                    segment("j1", "hls", 1, 1, 2.0, 3));

            JobState again = JobStateFolder.apply(once, segment("j1", "hls", 1, 0, 0.0, 2));

            assertThat(again).isSameAs(once);
            assertThat(output(again, "hls").getFilesStaged()).isEqualTo(2);
            assertThat(output(again, "hls").getBytesStaged()).isEqualTo(200_000);
        }

        @Test
        void lastFileMovesTheOutputToUploadingWithItsUsage() {
            JobState job = fold(encoding("hls"), segment("j1", "hls", 1, 0, 0.0, 2),
                    segment("j1", "hls", 1, 1, 2.0, 3), masterPlaylist("j1", "hls", 1, 2, 4));

            OutputState hls = output(job, "hls");
            assertThat(hls.getStatus()).isEqualTo(OutputStatus.UPLOADING);
            assertThat(hls.getUsage()).isEqualTo(usage());
            assertThat(hls.getFilesStaged()).isEqualTo(3);
            assertThat(hls.getEncodedSeconds()).isEqualTo(DURATION_SECONDS);
            assertThat(hls.getPercent()).as("upload progress starts over").isZero();
            assertThat(job.getStatus()).isEqualTo(JobStatus.UPLOADING);
        }

        @Test
        void jobShowsItsLeastAdvancedOutput() {
            JobState job = fold(encoding("hls", "dash"), masterPlaylist("j1", "hls", 1, 0, 2));

            assertThat(output(job, "hls").getStatus()).isEqualTo(OutputStatus.UPLOADING);
            assertThat(job.getStatus()).isEqualTo(JobStatus.ENCODING);
        }

        @Test
        void eventOfAStaleAttemptIsIgnored() {
            JobState retried = fold(encoding("hls"), segment("j1", "hls", 2, 0, 0.0, 2));

            assertThat(JobStateFolder.apply(retried, segment("j1", "hls", 1, 1, 2.0, 3))).isSameAs(retried);
        }

        @Test
        void newerAttemptStartsTheCountersOver() {
            JobState job = fold(encoding("hls"), segment("j1", "hls", 1, 0, 0.0, 2),
                    segment("j1", "hls", 1, 1, 2.0, 3), segment("j1", "hls", 2, 0, 0.0, 4));

            OutputState hls = output(job, "hls");
            assertThat(hls.getAttempt()).isEqualTo(2);
            assertThat(hls.getFilesStaged()).isEqualTo(1);
            assertThat(hls.getBytesStaged()).isEqualTo(100_000);
            assertThat(hls.getPercent()).isEqualTo(50.0);
        }

        @Test
        void failedEncodeFailsTheOutputAndALoneOutputFailsTheJob() {
            JobState job = fold(encoding("hls"), encodeFailed("j1", "hls", 1, 2));

            Failure failure = new Failure(FailureReason.ENCODE_FAILED, "ffmpeg exited with status 1");
            assertThat(output(job, "hls").getStatus()).isEqualTo(OutputStatus.FAILED);
            assertThat(output(job, "hls").getFailure()).isEqualTo(failure);
            assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);
            assertThat(job.getFailure()).isEqualTo(failure);
        }
    }

    @Nested
    class Delivery {

        @Test
        void uploadMakesTheOutputReadyAndTheJobCompleteOnceEveryOutputIs() {
            JobState oneReady = fold(encoding("hls", "dash"), masterPlaylist("j1", "hls", 1, 0, 2),
                    masterPlaylist("j1", "dash", 1, 0, 3), uploaded("j1", "hls", 1, 4));
            JobState allReady = JobStateFolder.apply(oneReady, uploaded("j1", "dash", 1, 5));

            assertThat(oneReady.getStatus()).isEqualTo(JobStatus.UPLOADING);
            assertThat(allReady.getStatus()).isEqualTo(JobStatus.COMPLETE);
            assertThat(allReady.getFailure()).isNull();
            OutputState hls = output(allReady, "hls");
            assertThat(hls.getStatus()).isEqualTo(OutputStatus.READY);
            assertThat(hls.getPercent()).isEqualTo(100.0);
            assertThat(hls.getPlaylistUrl()).isEqualTo(playlistUrl("hls"));
            assertThat(hls.getBytes()).isEqualTo(512_000);
            assertThat(hls.getObjectCount()).isEqualTo(7);
            assertThat(hls.getUpdatedAt()).isEqualTo(at(4));
            assertThat(allReady.getUpdatedAt()).isEqualTo(at(5));
        }

        @Test
        void failedUploadFailsTheJobOnceTheOtherOutputsAreFinal() {
            JobState job = fold(encoding("hls", "dash"), uploaded("j1", "hls", 1, 2),
                    uploadFailed("j1", "dash", 1, 3));

            assertThat(output(job, "hls").getStatus()).isEqualTo(OutputStatus.READY);
            assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);
            assertThat(job.getFailure().getReason()).isEqualTo(FailureReason.UPLOAD_FAILED);
        }

        @Test
        void uploadOfAStaleAttemptIsIgnored() {
            JobState retried = fold(encoding("hls"), segment("j1", "hls", 2, 0, 0.0, 2));

            assertThat(JobStateFolder.apply(retried, uploaded("j1", "hls", 1, 3))).isSameAs(retried);
        }
    }
}
