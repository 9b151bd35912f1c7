package io.reelay.encode;

import io.micronaut.context.ApplicationContext;
import io.reelay.events.FailureReason;
import io.reelay.events.FileKind;
import io.reelay.events.RevokeAcknowledged;
import io.reelay.events.SegmentEncoded;
import io.reelay.revoke.JobPartitions;
import io.reelay.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.reelay.encode.EncodeServiceHarness.DEADLINE;
import static io.reelay.encode.EncodeServiceHarness.await;
import static io.reelay.encode.EncodeServiceHarness.ffmpegsOf;
import static io.reelay.encode.EncodeServiceHarness.output;
import static io.reelay.encode.EncodeServiceHarness.revoke;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One instance of the service on a real broker and S3 server with the real ffmpeg: revokes stop work wherever it
 * is, failed attempts are retried as new attempts, and an output that keeps failing fails alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(600)
class EncodeServiceTest {

    private static final int CLIP_SECONDS = 20;
    private static final Duration KILL_DEADLINE = Duration.ofSeconds(1);

    private EncodeServiceHarness harness;
    private ApplicationContext instance;

    @BeforeAll
    void startOneInstance(@TempDir Path work) throws Exception {
        harness = EncodeServiceHarness.start(work, CLIP_SECONDS);
        instance = harness.startInstance();
    }

    @AfterAll
    void stop() throws Exception {
        instance.close();
        harness.close();
    }

    @Test
    void revokingAnOutputKillsItsFfmpegWithinASecondAndTheJobGoesOn() throws Exception {
        String job = "job-revoke-output";
        harness.publish(Topics.PROBED, job, harness.probed(job,
                List.of(output("revoked-realtime"), output("kept"))));
        await(() -> harness.events(job, "revoked-realtime").stream()
                .filter(event -> event.getKind() == FileKind.SEGMENT).findFirst(), DEADLINE, "a first segment");
        ProcessHandle ffmpeg = ffmpegsOf(job, "revoked-realtime").get(0);

        long revokedAt = System.nanoTime();
        harness.publish(Topics.REVOKED, job, revoke(job, "revoked-realtime"));
        await(() -> ffmpeg.isAlive() ? Optional.empty() : Optional.of(true),
                KILL_DEADLINE.minusNanos(System.nanoTime() - revokedAt), "ffmpeg killed");
        System.out.printf("ffmpeg pid %d gone %d ms after the revoke was published%n", ffmpeg.pid(),
                (System.nanoTime() - revokedAt) / 1_000_000);

        RevokeAcknowledged acknowledgement = await(() -> harness.acknowledgements(job).stream().findFirst(),
                DEADLINE, "the revoke acknowledged");
        assertThat(acknowledgement.getService()).isEqualTo("encode");
        assertThat(acknowledgement.getOutputId()).isEqualTo("revoked-realtime");
        assertThat(acknowledgement.getStoppedProcesses()).isGreaterThanOrEqualTo(1);
        assertThat(acknowledgement.getDeletedFiles()).isGreaterThanOrEqualTo(1);
        assertThat(acknowledgement.getDeletedObjects()).isGreaterThanOrEqualTo(1);
        assertThat(harness.scratchRoot().resolve(job).resolve("revoked-realtime")).doesNotExist();
        assertThat(harness.stagedFiles(job, "revoked-realtime")).isEmpty();
        SegmentEncoded kept = harness.awaitLast(job, "kept");
        assertThat(kept.getFailure()).isNull();
        assertThat(kept.getKind()).isEqualTo(FileKind.MASTER_PLAYLIST);
        assertThat(harness.events(job, "revoked-realtime")).isNotEmpty()
                .noneMatch(SegmentEncoded::getLast).allMatch(event -> event.getFailure() == null);
        assertThat(harness.acknowledgements(job)).hasSize(1);
    }

    @Test
    void aJobRevokedBeforeItsProbedRecordArrivesIsNeverEncoded() throws Exception {
        String job = "job-revoked-early";
        // processed after the revoked job: same partition, published after it
        String next = samePartitionAs(job);
        harness.publish(Topics.REVOKED, job, revoke(job, null));
        RevokeAcknowledged acknowledgement = await(() -> harness.acknowledgements(job).stream().findFirst(),
                DEADLINE, "the revoke acknowledged");
        harness.publish(Topics.PROBED, job, harness.probed(job, List.of(output("hls"))));
        harness.publish(Topics.PROBED, next, harness.probed(next, List.of(output("hls"))));

        assertThat(harness.awaitLast(next, "hls").getFailure()).isNull();
        assertThat(harness.events(job, "hls")).isEmpty();
        assertThat(acknowledgement.getOutputId()).isNull();
        assertThat(acknowledgement.getStoppedProcesses()).isZero();
        assertThat(acknowledgement.getDeletedFiles()).isZero();
        assertThat(harness.acknowledgements(job)).hasSize(1);
        assertThat(harness.scratchRoot().resolve(job)).doesNotExist();
        assertThat(harness.attemptRecords(job)).isEmpty();
    }

    @Test
    void anFfmpegThatCrashesOnceIsEncodedAgainAsAttemptTwo() throws Exception {
        String job = "job-flaky";
        harness.publish(Topics.PROBED, job, harness.probed(job, List.of(output("fails-once"))));

        SegmentEncoded last = harness.awaitLast(job, "fails-once");

        assertThat(last.getFailure()).isNull();
        assertThat(last.getAttempt()).isEqualTo(2);
        assertThat(harness.events(job, "fails-once")).extracting(SegmentEncoded::getAttempt).containsOnly(2);
        awaitRecordsForgotten(job);
    }

    @Test
    void anOutputThatKeepsFailingFailsAfterEveryRetryWhileTheOtherOutputsComplete() throws Exception {
        String job = "job-doomed";
        harness.publish(Topics.PROBED, job, harness.probed(job,
                List.of(output("always-fails"), output("steady"))));

        SegmentEncoded steady = harness.awaitLast(job, "steady");

        assertThat(steady.getFailure()).isNull();
        assertThat(harness.events(job, "steady")).extracting(SegmentEncoded::getAttempt).containsOnly(1);
        assertThat(harness.events(job, "always-fails")).singleElement().satisfies(failed -> {
            assertThat(failed.getLast()).isTrue();
            assertThat(failed.getAttempt()).as("retries + 1").isEqualTo(3);
            assertThat(failed.getFailure().getReason()).isEqualTo(FailureReason.ENCODE_FAILED);
            assertThat(failed.getFailure().getMessage()).contains("simulated ffmpeg crash");
        });
        awaitRecordsForgotten(job);
    }

    /** The job's records go once its probed record is committed. */
    private void awaitRecordsForgotten(String job) {
        await(() -> harness.attemptRecords(job).isEmpty() ? Optional.of(true) : Optional.empty(), DEADLINE,
                "the attempt records of " + job + " deleted");
    }

    private static String samePartitionAs(String job) {
        int partition = JobPartitions.of(job, EncodeServiceHarness.PARTITIONS);
        for (int i = 0; ; i++) {
            String candidate = job + "-next-" + i;
            if (JobPartitions.of(candidate, EncodeServiceHarness.PARTITIONS) == partition) {
                return candidate;
            }
        }
    }
}
