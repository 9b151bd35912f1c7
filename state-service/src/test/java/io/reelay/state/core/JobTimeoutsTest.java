package io.reelay.state.core;

import io.reelay.events.FailureReason;
import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.events.OutputState;
import io.reelay.events.OutputStatus;
import io.reelay.events.Revoked;
import io.reelay.events.Transition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.reelay.state.JobEvents.T0;
import static io.reelay.state.JobEvents.TENANT;
import static io.reelay.state.JobEvents.acknowledged;
import static io.reelay.state.JobEvents.at;
import static io.reelay.state.JobEvents.revoked;
import static io.reelay.state.JobEvents.uploaded;
import static io.reelay.state.core.Folding.encoding;
import static io.reelay.state.core.Folding.fold;
import static io.reelay.state.core.Folding.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class JobTimeoutsTest {

    private static final Duration LIMIT = Duration.ofHours(24);
    /** Job j1 was requested at T0. */
    private static final Instant LATE = T0.plus(LIMIT).plusSeconds(1);

    @Test
    void aJobIsOverdueOnlyWhenStillNotFinalPastTheLimitAfterItWasRequested() {
        JobState running = encoding("hls");
        JobState complete = fold(running, uploaded("j1", "hls", 1, 2));

        assertThat(JobTimeouts.isOverdue(running, T0.plus(LIMIT), LIMIT)).isFalse();
        assertThat(JobTimeouts.isOverdue(running, LATE, LIMIT)).isTrue();
        assertThat(JobTimeouts.isOverdue(complete, LATE, LIMIT)).isFalse();
    }

    @Test
    void timingOutFailsTheJobAndEveryOpenOutputAndRecordsItsRevoke() {
        JobState job = fold(encoding("hls", "dash"), uploaded("j1", "hls", 1, 2));

        JobState timedOut = JobTimeouts.timeOut(job, LATE, LIMIT);

        assertThat(timedOut.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(timedOut.getFailure().getReason()).isEqualTo(FailureReason.JOB_TIMEOUT);
        assertThat(timedOut.getFailure().getMessage()).isEqualTo("The job was not final 24h after it was requested");
        assertThat(timedOut.getOutputs()).extracting(OutputState::getOutputId, OutputState::getStatus)
                .containsExactly(tuple("hls", OutputStatus.READY), tuple("dash", OutputStatus.FAILED));
        assertThat(output(timedOut, "dash").getFailure().getReason()).isEqualTo(FailureReason.JOB_TIMEOUT);
        assertThat(timedOut.getRevoke().getRequestedAt()).isEqualTo(LATE);
        assertThat(timedOut.getRevoke().getReason()).isEqualTo("JOB_TIMEOUT");
        assertThat(timedOut.getUpdatedAt()).isEqualTo(LATE);
        assertThat(timedOut.getTransitions()).last().isEqualTo(new Transition("FAILED", LATE));
        assertThat(timedOut.getVersion()).isEqualTo(job.getVersion() + 1);
    }

    @Test
    void itsRevokeComingBackKeepsTheTimeoutAndRecordsTheAcknowledgements() {
        JobState timedOut = JobTimeouts.timeOut(encoding("hls"), LATE, LIMIT);

        JobState acknowledged = fold(timedOut, revoked("j1", null, 90_000),
                acknowledged("j1", null, "probe", 0, 90_001), acknowledged("j1", null, "encode", 1, 90_001),
                acknowledged("j1", null, "upload", 0, 90_002));

        assertThat(acknowledged.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(acknowledged.getFailure()).isEqualTo(timedOut.getFailure());
        assertThat(acknowledged.getRevoke().getReason()).isEqualTo("JOB_TIMEOUT");
        assertThat(acknowledged.getRevoke().getComplete()).isTrue();
    }

    @Test
    void theTimeoutAloneIsRevoked() {
        JobState running = encoding("hls");
        JobState timedOut = JobTimeouts.timeOut(running, LATE, LIMIT);
        JobState revoked = fold(running, revoked("j1", null, 2));
        JobState complete = fold(running, uploaded("j1", "hls", 1, 2));

        assertThat(JobTimeouts.revokesFor(new JobStateChange(running, timedOut)))
                .containsExactly(Revoked.newBuilder()
                        .setJobId("j1")
                        .setTenant(TENANT)
                        .setReason("JOB_TIMEOUT")
                        .setRevokedAt(LATE)
                        .build());
        assertThat(JobTimeouts.revokesFor(new JobStateChange(running, revoked))).isEmpty();
        assertThat(JobTimeouts.revokesFor(new JobStateChange(running, complete))).isEmpty();
        assertThat(JobTimeouts.revokesFor(new JobStateChange(timedOut, fold(timedOut,
                acknowledged("j1", null, "encode", 0, 90_000))))).as("only the change that timed it out").isEmpty();
        assertThat(JobTimeouts.revokesFor(new JobStateChange(timedOut, null))).as("removal").isEmpty();
    }
}
