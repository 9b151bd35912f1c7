package io.reelay.ingest.core;

import io.reelay.events.JobRequested;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputRequest;
import io.reelay.events.Revoked;
import io.reelay.events.ThumbnailsRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
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
    void aJobNotFoldedYetIsDecidedFromItsRequest() {
        JobRequested request = JobRequested.newBuilder()
                .setJobId("j1")
                .setTenant("acme")
                .setSource(new ObjectLocation("src", "a.mp4"))
                .setOutputs(List.of(OutputRequest.newBuilder().setOutputId("hls").setFormat(OutputFormat.HLS_FMP4)
                        .setDestination(new ObjectLocation("out", "v")).build()))
                .setThumbnails(ThumbnailsRequest.newBuilder().setOutputId("stills").setTimesSeconds(List.of(1.0))
                        .setDestination(new ObjectLocation("out", "t")).build())
                .setRequestedAt(Instant.EPOCH)
                .build();

        assertThat(RevokeDecision.forRequested(request, "acme", null)).isEqualTo(RevokeResult.REVOKE_REQUESTED);
        assertThat(RevokeDecision.forRequested(request, "acme", "hls")).isEqualTo(RevokeResult.REVOKE_REQUESTED);
        assertThat(RevokeDecision.forRequested(request, "acme", "stills")).isEqualTo(RevokeResult.REVOKE_REQUESTED);
        assertThat(RevokeDecision.forRequested(request, "acme", "dash")).isEqualTo(RevokeResult.NOT_FOUND);
        assertThat(RevokeDecision.forRequested(request, "other", null)).isEqualTo(RevokeResult.FORBIDDEN);
        assertThat(RevokeDecision.forRequested(request, "other", "dash")).isEqualTo(RevokeResult.FORBIDDEN);
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
