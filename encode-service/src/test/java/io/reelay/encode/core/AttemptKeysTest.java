package io.reelay.encode.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptKeysTest {

    private final AttemptKeys keys = new AttemptKeys("encode-attempts");

    @Test
    void numbersTheNextAttemptAboveTheHighestClaimWhateverTheListingOrder() {
        Map<String, OutputHistory> histories = keys.histories("job-1", List.of(
                keys.claimKey("job-1", "hls", 10), keys.claimKey("job-1", "hls", 2), keys.claimKey("job-1", "hls", 9)));

        assertThat(histories).containsOnly(Map.entry("hls", new OutputHistory(10, false)));
        assertThat(histories.get("hls").nextAttempt()).isEqualTo(11);
    }

    @Test
    void anOutputWithoutRecordsStartsAtAttemptOne() {
        assertThat(keys.histories("job-1", List.of())).isEmpty();
        assertThat(OutputHistory.NONE.nextAttempt()).isEqualTo(1);
    }

    @Test
    void tellsFinishedOutputsFromUnfinishedOnes() {
        Map<String, OutputHistory> histories = keys.histories("job-1", List.of(
                keys.claimKey("job-1", "hls", 1), keys.finishedKey("job-1", "hls"),
                keys.claimKey("job-1", "dash", 1), keys.claimKey("job-1", "dash", 2)));

        assertThat(histories).containsOnly(Map.entry("hls", new OutputHistory(1, true)),
                Map.entry("dash", new OutputHistory(2, false)));
    }

    @Test
    void keepsIdsWithSlashesAndOtherCharactersApart() {
        String job = "tenant/job 1";
        List<String> listed = List.of(keys.claimKey(job, "a/b", 1), keys.claimKey(job, "a", 2),
                keys.claimKey("tenant", "job 1/a", 7), keys.finishedKey(job, "ü%"));

        Map<String, OutputHistory> histories = keys.histories(job, listed);

        assertThat(histories).containsOnly(Map.entry("a/b", new OutputHistory(1, false)),
                Map.entry("a", new OutputHistory(2, false)), Map.entry("ü%", new OutputHistory(0, true)));
        assertThat(keys.claimKey(job, "a/b", 1)).isEqualTo("encode-attempts/tenant%2Fjob+1/a%2Fb/1");
    }

    @Test
    void ignoresKeysThatAreNotRecordsOfTheJob() {
        Map<String, OutputHistory> histories = keys.histories("job-1", List.of(
                "encode-attempts/job-1/hls/notes.txt", "encode-attempts/job-1/loose", "encode-attempts/job-10/hls/3",
                "encode-attempts/job-1/hls/0", "encode-attempts/job-1/hls/4"));

        assertThat(histories).containsOnly(Map.entry("hls", new OutputHistory(4, false)));
    }
}
