package io.reelay.revoke;

import io.reelay.events.RevokeAcknowledged;
import io.reelay.events.Revoked;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RevokeAcknowledgerTest {

    private final List<RevokeAcknowledged> published = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private final RevokeAcknowledger acknowledger = new RevokeAcknowledger("encode", (jobId, acknowledgement) -> {
        keys.add(jobId);
        published.add(acknowledgement);
    });

    @Test
    void namesTheRevokeTheServiceAndThisInstanceAndCarriesTheCounts() {
        Instant before = Instant.now();

        acknowledger.acknowledge(revoke("job-1", "hls"), 2, counts -> counts.setStoppedProcesses(1)
                .setDeletedFiles(7).setDeletedObjects(3).setAbortedUploads(1));

        assertThat(keys).containsExactly("job-1");
        RevokeAcknowledged sent = published.get(0);
        assertThat(sent.getJobId()).isEqualTo("job-1");
        assertThat(sent.getOutputId()).isEqualTo("hls");
        assertThat(sent.getService()).isEqualTo("encode");
        assertThat(sent.getInstance()).endsWith("/" + ProcessHandle.current().pid());
        assertThat(sent.getAttempt()).isEqualTo(2);
        assertThat(List.of(sent.getStoppedProcesses(), sent.getDeletedFiles(), sent.getDeletedObjects(),
                sent.getAbortedUploads())).containsExactly(1, 7, 3, 1);
        assertThat(sent.getAcknowledgedAt()).isBetween(before.minusMillis(1), Instant.now());
    }

    @Test
    void countsLeftUnsetAreZero() {
        acknowledger.acknowledge(revoke("job-2", null), 1, counts -> { });

        RevokeAcknowledged sent = published.get(0);
        assertThat(sent.getOutputId()).isNull();
        assertThat(List.of(sent.getStoppedProcesses(), sent.getDeletedFiles(), sent.getDeletedObjects(),
                sent.getAbortedUploads())).containsOnly(0);
    }

    private static Revoked revoke(String jobId, String outputId) {
        return Revoked.newBuilder().setJobId(jobId).setOutputId(outputId).setTenant("default").setReason("test")
                .setRevokedAt(Instant.now()).build();
    }
}
