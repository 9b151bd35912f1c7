package io.reelay.upload.core;

import io.reelay.upload.core.OutputLedger.Status;
import io.reelay.upload.core.OutputLedger.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputLedgerTest {

    private final OutputLedger ledger = new OutputLedger();

    @Test
    void theFirstAttemptSeenIsCurrentAndStaysSo() {
        assertThat(observe("hls", 1).verdict()).isEqualTo(Verdict.CURRENT);
        assertThat(observe("hls", 1).verdict()).isEqualTo(Verdict.CURRENT);
        assertThat(ledger.knows("j1", "hls")).isTrue();
        assertThat(ledger.knows("j1", "dash")).isFalse();
    }

    @Test
    void aNewerAttemptSupersedesTheOlderOneWhichThenIsStale() {
        observe("hls", 1);
        ledger.mark("j1", "hls", 1, Status.FAILED);

        OutputLedger.Observation newer = observe("hls", 2);

        assertThat(newer.verdict()).isEqualTo(Verdict.SUPERSEDES);
        assertThat(newer.superseded()).isEqualTo(1);
        assertThat(newer.newest().status()).isEqualTo(Status.DELIVERING);
        assertThat(observe("hls", 1).verdict()).isEqualTo(Verdict.STALE);
        assertThat(observe("hls", 2).verdict()).isEqualTo(Verdict.CURRENT);
    }

    @Test
    void anAttemptSeededFromTheStagingAreaFencesOlderEventsOfAForgottenOutput() {
        ledger.seed("j1", "hls", 3, "out", "j1/hls");

        assertThat(observe("hls", 2).verdict()).isEqualTo(Verdict.STALE);
        assertThat(observe("hls", 3).verdict()).isEqualTo(Verdict.CURRENT);
    }

    @Test
    void marksOnlyTheAttemptItIsToldOf() {
        observe("hls", 2);

        ledger.mark("j1", "hls", 1, Status.ANNOUNCED);
        assertThat(observe("hls", 2).newest().status()).isEqualTo(Status.DELIVERING);

        ledger.mark("j1", "hls", 2, Status.ANNOUNCED);
        assertThat(observe("hls", 2).newest().status()).isEqualTo(Status.ANNOUNCED);
    }

    @Test
    void listsTheOutputsOfAJobStillBeingDelivered() {
        observe("hls", 1);
        observe("dash", 1);
        observe("thumbnails", 1);
        ledger.mark("j1", "thumbnails", 1, Status.ANNOUNCED);
        ledger.observe("j2", "hls", 1, "out", "j2/hls");

        assertThat(ledger.delivering("j1", null)).extracting(OutputLedger.Entry::outputId)
                .containsExactlyInAnyOrder("hls", "dash");
        assertThat(ledger.delivering("j1", "dash")).extracting(OutputLedger.Entry::destinationPrefix)
                .containsExactly("j1/dash");
    }

    @Test
    void aRevokedOutputIsNoLongerDeliveredWhateverItsAttempt() {
        observe("hls", 2);

        assertThat(ledger.revoke("j1", "hls", 1, "out", "j1/hls")).map(OutputLedger.Entry::status)
                .contains(Status.DELIVERING);
        assertThat(ledger.delivering("j1", null)).isEmpty();
        assertThat(ledger.revoke("j1", "dash", 1, "out", "j1/dash")).isEmpty();
        assertThat(observe("dash", 1).newest().status()).isEqualTo(Status.REVOKED);
    }

    private OutputLedger.Observation observe(String outputId, int attempt) {
        return ledger.observe("j1", outputId, attempt, "out", "j1/" + outputId);
    }
}
