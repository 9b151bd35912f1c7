package io.reelay.state.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.events.OutputState;
import io.reelay.events.OutputStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.reelay.state.JobEvents.LADDER;
import static io.reelay.state.JobEvents.SOURCE;
import static io.reelay.state.JobEvents.T0;
import static io.reelay.state.JobEvents.TENANT;
import static io.reelay.state.JobEvents.at;
import static io.reelay.state.JobEvents.media;
import static io.reelay.state.JobEvents.probeFailed;
import static io.reelay.state.JobEvents.probed;
import static io.reelay.state.JobEvents.probedWithFailedPlan;
import static io.reelay.state.JobEvents.requested;
import static io.reelay.state.JobEvents.revoked;
import static io.reelay.state.JobEvents.segment;
import static io.reelay.state.JobEvents.uploadFailed;
import static io.reelay.state.JobEvents.uploaded;
import static io.reelay.state.JobEvents.usage;
import static io.reelay.state.core.Folding.HOOK;
import static io.reelay.state.core.Folding.encoding;
import static io.reelay.state.core.Folding.fold;
import static io.reelay.state.core.Folding.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class JobStateFolderTest {

    @Nested
    class Request {

        @Test
        void createsAQueuedJobWithOneQueuedOutputPerRequestedOutput() {
            JobState job = JobStateFolder.apply(null, requested("j1", HOOK, "hls", "dash"));

            assertThat(job.getJobId()).isEqualTo("j1");
            assertThat(job.getVersion()).isEqualTo(1);
            assertThat(job.getStatus()).isEqualTo(JobStatus.QUEUED);
            assertThat(job.getTenant()).isEqualTo(TENANT);
            assertThat(job.getReferenceId()).isEqualTo("ref-j1");
            assertThat(job.getSource()).isEqualTo(SOURCE);
            assertThat(job.getWebhookUrl()).isEqualTo(HOOK);
            assertThat(job.getCreatedAt()).isEqualTo(T0);
            assertThat(job.getUpdatedAt()).isEqualTo(T0);
            assertThat(job.getOutputs()).extracting(OutputState::getOutputId, OutputState::getStatus,
                            OutputState::getUpdatedAt)
                    .containsExactly(
                            tuple("hls", OutputStatus.QUEUED, T0),
                            tuple("dash", OutputStatus.QUEUED, T0));
        }

        @Test
        void redeliveredRequestChangesNothing() {
            JobState job = JobStateFolder.apply(null, requested("j1", HOOK, "hls"));

            assertThat(JobStateFolder.apply(job, requested("j1", HOOK, "hls"))).isSameAs(job);
        }

        @Test
        void requestAfterTheProbeResultKeepsTheProgressAndAddsTheRequestFacts() {
            JobState job = fold(null, probed("j1", 1, "hls"), requested("j1", HOOK, "hls"));

            assertThat(job.getStatus()).isEqualTo(JobStatus.ENCODING);
            assertThat(job.getReferenceId()).isEqualTo("ref-j1");
            assertThat(job.getWebhookUrl()).isEqualTo(HOOK);
            assertThat(job.getCreatedAt()).isEqualTo(T0);
            assertThat(job.getOutputs()).singleElement()
                    .extracting(OutputState::getStatus).isEqualTo(OutputStatus.ENCODING);
        }
    }

    @Nested
    class Probe {

        @Test
        void movesEveryOutputToEncodingWithItsLadder() {
            JobState job = encoding("hls", "dash");

            assertThat(job.getStatus()).isEqualTo(JobStatus.ENCODING);
            assertThat(job.getMedia()).isEqualTo(media());
            assertThat(job.getVersion()).isEqualTo(2);
            assertThat(job.getUpdatedAt()).isEqualTo(at(1));
            assertThat(job.getOutputs()).allSatisfy(output -> {
                assertThat(output.getStatus()).isEqualTo(OutputStatus.ENCODING);
                assertThat(output.getPercent()).isZero();
                assertThat(output.getRenditions()).isEqualTo(LADDER);
            });
        }

        @Test
        void failureFailsTheJobAndEveryOutputWithThatFailure() {
            JobState job = fold(null, requested("j1", HOOK, "hls", "dash"), probeFailed("j1", 1));

            Failure notFound = new Failure(FailureReason.SOURCE_NOT_FOUND, "No object sources/clips/talk.mp4");
            assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);
            assertThat(job.getFailure()).isEqualTo(notFound);
            assertThat(job.getOutputs()).allSatisfy(output -> {
                assertThat(output.getStatus()).isEqualTo(OutputStatus.FAILED);
                assertThat(output.getFailure()).isEqualTo(notFound);
            });
        }

        @Test
        void failedPlanFailsOnlyItsOutput() {
            JobState job = fold(null, requested("j1", HOOK, "hls", "audio"),
                    probedWithFailedPlan("j1", 1, "hls", "audio"));

            assertThat(job.getStatus()).isEqualTo(JobStatus.ENCODING);
            assertThat(output(job, "hls").getStatus()).isEqualTo(OutputStatus.ENCODING);
            assertThat(output(job, "audio").getStatus()).isEqualTo(OutputStatus.FAILED);
            assertThat(output(job, "audio").getFailure().getReason()).isEqualTo(FailureReason.SOURCE_HAS_NO_VIDEO);
        }

        @Test
        void redeliveredProbeResultChangesNothing() {
            JobState job = encoding("hls");

            assertThat(JobStateFolder.apply(job, probed("j1", 1, "hls"))).isSameAs(job);
        }
    }

    @Nested
    class Versions {

        @Test
        void everyChangeIncrementsTheVersionOnce() {
            JobState job = fold(encoding("hls"), segment("j1", "hls", 1, 0, 0.0, 2),
                    segment("j1", "hls", 1, 1, 2.0, 3));

            assertThat(job.getVersion()).isEqualTo(4);
            assertThat(job.getUpdatedAt()).isEqualTo(at(3));
        }

        @Test
        void onlyTheOutputThatChangedGetsTheEventTime() {
            JobState job = fold(encoding("hls", "dash"), segment("j1", "hls", 1, 0, 0.0, 2));

            assertThat(output(job, "hls").getUpdatedAt()).isEqualTo(at(2));
            assertThat(output(job, "dash").getUpdatedAt()).isEqualTo(at(1));
        }

        @Test
        void finalJobNeverChangesAgain() {
            JobState complete = fold(encoding("hls"), uploaded("j1", "hls", 1, 2));

            assertThat(fold(complete, requested("j1", HOOK, "hls", "extra"), probeFailed("j1", 3),
                    segment("j1", "hls", 2, 0, 0.0, 4), uploadFailed("j1", "hls", 2, 5), revoked("j1", null, 6)))
                    .isSameAs(complete);
        }

        @Test
        void eventsOfAnUnknownJobOrOutputAreIgnored() {
            assertThat(fold(null, segment("j1", "hls", 1, 0, 0.0, 2), uploaded("j1", "hls", 1, 3),
                    revoked("j1", null, 4))).isNull();
            JobState job = encoding("hls");
            assertThat(fold(job, segment("j1", "other", 1, 0, 0.0, 2), uploaded("j1", "other", 1, 3)))
                    .isSameAs(job);
        }

        @Test
        void recordsOfOtherTypesChangeNothing() {
            JobState job = encoding("hls");

            assertThat(JobStateFolder.apply(job, usage())).isSameAs(job);
        }
    }
}
