package io.reelay.state.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.events.OutputStatus;
import io.reelay.events.RevokeAcknowledgement;
import io.reelay.events.RevokeState;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.reelay.state.JobEvents.acknowledged;
import static io.reelay.state.JobEvents.at;
import static io.reelay.state.JobEvents.encodeFailed;
import static io.reelay.state.JobEvents.revoked;
import static io.reelay.state.JobEvents.segment;
import static io.reelay.state.JobEvents.uploaded;
import static io.reelay.state.core.Folding.encoding;
import static io.reelay.state.core.Folding.fold;
import static io.reelay.state.core.Folding.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RevokeFoldTest {

    @Nested
    class WholeJob {

        @Test
        void endsTheJobRevokedAndRecordsTheRequestEvenWhenAnOutputWasReady() {
            JobState job = fold(encoding("hls", "dash"), uploaded("j1", "hls", 1, 2), revoked("j1", null, 3));

            assertThat(job.getStatus()).isEqualTo(JobStatus.REVOKED);
            assertThat(job.getFailure()).isEqualTo(new Failure(FailureReason.REVOKED, "Customer cancelled"));
            assertThat(output(job, "hls").getStatus()).isEqualTo(OutputStatus.READY);
            assertThat(output(job, "dash").getStatus()).isEqualTo(OutputStatus.REVOKED);
            assertThat(job.getRevoke()).isEqualTo(new RevokeState(at(3), "Customer cancelled", List.of(), false));
            assertThat(output(job, "dash").getRevoke()).as("recorded once, on the job").isNull();
        }

        @Test
        void recordsAcknowledgementsOfTheEndedJobUntilEveryServiceAnswered() {
            JobState revoked = fold(encoding("hls"), revoked("j1", null, 2));

            JobState probe = fold(revoked, acknowledged("j1", null, "probe", 0, 3));
            JobState encode = fold(probe, acknowledged("j1", null, "encode", 1, 4));
            JobState upload = fold(encode, acknowledged("j1", null, "upload", 0, 5));

            assertThat(encode.getRevoke().getComplete()).isFalse();
            assertThat(upload.getRevoke().getComplete()).isTrue();
            assertThat(upload.getRevoke().getAcknowledgements())
                    .extracting(RevokeAcknowledgement::getService, RevokeAcknowledgement::getStoppedProcesses,
                            RevokeAcknowledgement::getDeletedFiles, RevokeAcknowledgement::getDeletedObjects,
                            RevokeAcknowledgement::getAt)
                    .containsExactly(
                            tuple("probe", 0, 0, 0, at(3)),
                            tuple("encode", 1, 2, 3, at(4)),
                            tuple("upload", 0, 0, 0, at(5)));
            assertThat(upload.getStatus()).isEqualTo(JobStatus.REVOKED);
            assertThat(upload.getVersion()).isEqualTo(revoked.getVersion() + 3);
            assertThat(upload.getUpdatedAt()).as("the job ended with the revoke").isEqualTo(at(2));
        }

        @Test
        void aRepeatedAcknowledgementChangesNothing() {
            JobState acknowledged = fold(encoding("hls"), revoked("j1", null, 2),
                    acknowledged("j1", null, "encode", 1, 3));

            assertThat(fold(acknowledged, acknowledged("j1", null, "encode", 1, 3))).isSameAs(acknowledged);
        }
    }

    @Nested
    class OneOutput {

        @Test
        void recordsTheRequestOnTheOutputWhileTheOthersGoOn() {
            JobState job = fold(encoding("hls", "dash"), revoked("j1", "dash", 2));

            assertThat(job.getStatus()).isEqualTo(JobStatus.ENCODING);
            assertThat(output(job, "dash").getStatus()).isEqualTo(OutputStatus.REVOKED);
            assertThat(output(job, "dash").getFailure())
                    .isEqualTo(new Failure(FailureReason.REVOKED, "Customer cancelled"));
            assertThat(output(job, "dash").getRevoke().getRequestedAt()).isEqualTo(at(2));
            assertThat(job.getRevoke()).isNull();
        }

        @Test
        void jobWhoseOtherOutputsAreDeliveredIsComplete() {
            JobState job = fold(encoding("hls", "dash"), revoked("j1", "dash", 2), uploaded("j1", "hls", 1, 3));

            assertThat(job.getStatus()).isEqualTo(JobStatus.COMPLETE);
            assertThat(job.getFailure()).isNull();
        }

        @Test
        void jobWhoseOutputsAreAllRevokedIsRevoked() {
            JobState job = fold(encoding("hls", "dash"), revoked("j1", "dash", 2), revoked("j1", "hls", 3));

            assertThat(job.getStatus()).isEqualTo(JobStatus.REVOKED);
            assertThat(job.getFailure().getReason()).isEqualTo(FailureReason.REVOKED);
        }

        @Test
        void jobWithAFailedOutputIsFailed() {
            JobState job = fold(encoding("hls", "dash", "thumbs"), revoked("j1", "dash", 2),
                    uploaded("j1", "hls", 1, 3), encodeFailed("j1", "thumbs", 1, 4));

            assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);
            assertThat(job.getFailure().getReason()).isEqualTo(FailureReason.ENCODE_FAILED);
        }

        @Test
        void lateEventsOfTheRevokedOutputChangeNothing() {
            JobState job = fold(encoding("hls", "dash"), revoked("j1", "dash", 2));

            assertThat(fold(job, segment("j1", "dash", 1, 0, 0.0, 3), uploaded("j1", "dash", 1, 4),
                    revoked("j1", "dash", 5))).isSameAs(job);
        }

        @Test
        void acknowledgementsGoToTheRevokedOutput() {
            JobState job = fold(encoding("hls", "dash"), revoked("j1", "dash", 2),
                    acknowledged("j1", "dash", "probe", 0, 3), acknowledged("j1", "dash", "encode", 1, 3),
                    acknowledged("j1", "dash", "upload", 0, 4));

            assertThat(output(job, "dash").getRevoke().getComplete()).isTrue();
            assertThat(output(job, "dash").getRevoke().getAcknowledgements()).hasSize(3);
            assertThat(job.getRevoke()).isNull();
        }
    }

    @Test
    void acknowledgementOfARevokeTheStateDoesNotHoldIsIgnored() {
        JobState running = encoding("hls", "dash");
        JobState complete = fold(encoding("hls"), uploaded("j1", "hls", 1, 2));

        assertThat(fold(running, acknowledged("j1", null, "encode", 0, 3),
                acknowledged("j1", "dash", "encode", 0, 3), acknowledged("j1", "other", "encode", 0, 3)))
                .isSameAs(running);
        assertThat(fold(complete, revoked("j1", null, 3), acknowledged("j1", null, "encode", 0, 4)))
                .as("a revoke of a final job is not recorded").isSameAs(complete);
        assertThat(fold(null, acknowledged("j1", null, "encode", 0, 3))).isNull();
    }
}
