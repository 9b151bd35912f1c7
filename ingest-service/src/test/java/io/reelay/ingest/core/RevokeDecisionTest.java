package io.reelay.ingest.core;

import io.reelay.events.Revoked;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RevokeDecisionTest {

    private static final JobLookup ENCODING = JobLookup.found("ENCODING", Map.of(
            "hls", "ENCODING", "dash", "READY", "thumbnails", "FAILED", "cmaf", "REVOKED", "mp4", "QUEUED"));

    @Test
    void aJobThatHasNotEndedIsRevoked() {
        assertThat(RevokeDecision.forJob(ENCODING)).isEqualTo(RevokeResult.REVOKE_REQUESTED);
        assertThat(RevokeDecision.forJob(JobLookup.found("QUEUED", Map.of()))).isEqualTo(RevokeResult.REVOKE_REQUESTED);
        assertThat(RevokeDecision.forJob(JobLookup.found("UPLOADING", Map.of())))
                .isEqualTo(RevokeResult.REVOKE_REQUESTED);
    }

    @Test
    void aJobThatEndedIsAlreadyFinal() {
        for (String status : new String[] {"COMPLETE", "FAILED", "REVOKED"}) {
            assertThat(RevokeDecision.forJob(JobLookup.found(status, Map.of()))).as(status)
                    .isEqualTo(RevokeResult.ALREADY_FINAL);
        }
    }

    @Test
    void whatTheStateServiceDidNotShowIsAnsweredAsSuch() {
        assertThat(RevokeDecision.forJob(JobLookup.missing(JobLookup.Answer.NOT_FOUND)))
                .isEqualTo(RevokeResult.NOT_FOUND);
        assertThat(RevokeDecision.forJob(JobLookup.missing(JobLookup.Answer.FORBIDDEN)))
                .isEqualTo(RevokeResult.FORBIDDEN);
        assertThat(RevokeDecision.forOutput(JobLookup.missing(JobLookup.Answer.FORBIDDEN), "hls"))
                .isEqualTo(RevokeResult.FORBIDDEN);
        assertThat(RevokeDecision.forOutput(JobLookup.missing(JobLookup.Answer.UNAVAILABLE), "hls"))
                .isEqualTo(RevokeResult.UNAVAILABLE);
    }

    @Test
    void anOutputIsRevokedOnlyWhileItRuns() {
        assertThat(RevokeDecision.forOutput(ENCODING, "hls")).isEqualTo(RevokeResult.REVOKE_REQUESTED);
        assertThat(RevokeDecision.forOutput(ENCODING, "mp4")).isEqualTo(RevokeResult.REVOKE_REQUESTED);
        assertThat(RevokeDecision.forOutput(ENCODING, "dash")).isEqualTo(RevokeResult.ALREADY_DELIVERED);
        assertThat(RevokeDecision.forOutput(ENCODING, "thumbnails")).isEqualTo(RevokeResult.ALREADY_FINAL);
        assertThat(RevokeDecision.forOutput(ENCODING, "cmaf")).isEqualTo(RevokeResult.ALREADY_FINAL);
        assertThat(RevokeDecision.forOutput(ENCODING, "other")).isEqualTo(RevokeResult.NOT_FOUND);
    }

    @Test
    void anOutputOfAFinishedJobIsNamedForWhatItReached() {
        JobLookup complete = JobLookup.found("COMPLETE", Map.of("hls", "READY", "dash", "REVOKED"));

        assertThat(RevokeDecision.forOutput(complete, "hls")).isEqualTo(RevokeResult.ALREADY_DELIVERED);
        assertThat(RevokeDecision.forOutput(complete, "dash")).isEqualTo(RevokeResult.ALREADY_FINAL);
    }

    @Test
    void theEventNamesTheJobTheOutputTheTenantAndTheReason() {
        Instant at = Instant.parse("2025-01-01T10:00:00Z");

        Revoked revoked = RevokeDecision.revoked("j1", "hls", "test", "Customer cancelled", at);

        assertThat(revoked.getJobId()).isEqualTo("j1");
        assertThat(revoked.getOutputId()).isEqualTo("hls");
        assertThat(revoked.getTenant()).isEqualTo("test");
        assertThat(revoked.getReason()).isEqualTo("Customer cancelled");
        assertThat(revoked.getRevokedAt()).isEqualTo(at);
        assertThat(revoked.getAttempt()).isEqualTo(1);
    }
}
