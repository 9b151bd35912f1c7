package io.reelay.encode;

import io.micronaut.context.ApplicationContext;
import io.reelay.events.FileKind;
import io.reelay.events.SegmentEncoded;
import io.reelay.schemas.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.reelay.encode.EncodeServiceHarness.DEADLINE;
import static io.reelay.encode.EncodeServiceHarness.await;
import static io.reelay.encode.EncodeServiceHarness.ffmpegsOf;
import static io.reelay.encode.EncodeServiceHarness.output;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance that stops in the middle of a job, and another of the same consumer group that takes the job over:
 * what the first finished stays finished, what it was encoding is encoded again under a higher attempt number.
 */
@Timeout(600)
class CrashRecoveryTest {

    private static final int CLIP_SECONDS = 8;

    @TempDir
    Path work;
    private EncodeServiceHarness harness;
    private ApplicationContext successor;

    @BeforeEach
    void startBrokerAndStorage() throws Exception {
        harness = EncodeServiceHarness.start(work, CLIP_SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        if (successor != null) {
            successor.close();
        }
        harness.close();
    }

    @Test
    void theInstanceTakingOverSkipsFinishedOutputsAndRedoesTheInterruptedOneAsAHigherAttempt() throws Exception {
        String job = "job-crash";
        ApplicationContext first = harness.startInstance();
        harness.publish(Topics.PROBED, job, harness.probed(job,
                List.of(output("finished"), output("interrupted-realtime"))));
        SegmentEncoded finished = harness.awaitLast(job, "finished");
        await(() -> harness.events(job, "interrupted-realtime").stream()
                .filter(event -> event.getKind() == FileKind.SEGMENT).findFirst(), DEADLINE, "a first segment");
        List<SegmentEncoded> finishedEvents = harness.events(job, "finished");

        first.close();
        assertThat(ffmpegsOf(job, "interrupted-realtime")).as("ffmpeg left running").isEmpty();
        assertThat(harness.events(job, "interrupted-realtime")).noneMatch(SegmentEncoded::getLast);
        successor = harness.startInstance();

        SegmentEncoded redone = await(() -> harness.events(job, "interrupted-realtime").stream()
                .filter(SegmentEncoded::getLast).findFirst(), DEADLINE, "the interrupted output finished");
        assertThat(redone.getFailure()).isNull();
        assertThat(redone.getAttempt()).isEqualTo(2);
        assertThat(harness.events(job, "interrupted-realtime")).extracting(SegmentEncoded::getAttempt)
                .containsOnly(1, 2).last().isEqualTo(2);
        assertThat(finished.getFailure()).isNull();
        assertThat(harness.events(job, "finished")).as("nothing encoded again").isEqualTo(finishedEvents)
                .extracting(SegmentEncoded::getAttempt).containsOnly(1);
        await(() -> harness.attemptRecords(job).isEmpty() ? Optional.of(true) : Optional.empty(), DEADLINE,
                "the attempt records deleted");
    }
}
