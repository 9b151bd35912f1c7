package io.reelay.encode.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputDecisionTest {

    @Test
    void encodesAnOutputNothingEndedYet() {
        assertThat(OutputDecision.of(false, OutputHistory.NONE, false)).isEqualTo(OutputDecision.ENCODE);
        assertThat(OutputDecision.of(false, new OutputHistory(2, false), false)).isEqualTo(OutputDecision.ENCODE);
    }

    @Test
    void skipsWhatAnEarlierAttemptFinished() {
        assertThat(OutputDecision.of(false, new OutputHistory(1, true), false))
                .isEqualTo(OutputDecision.FINISHED_EARLIER);
    }

    @Test
    void skipsRevokedOutputsAndOutputsPlannedToFail() {
        assertThat(OutputDecision.of(false, OutputHistory.NONE, true)).isEqualTo(OutputDecision.REVOKED);
        assertThat(OutputDecision.of(false, new OutputHistory(1, true), true)).isEqualTo(OutputDecision.REVOKED);
        assertThat(OutputDecision.of(true, OutputHistory.NONE, true)).isEqualTo(OutputDecision.PLANNED_TO_FAIL);
    }
}
