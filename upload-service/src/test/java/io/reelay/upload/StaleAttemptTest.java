package io.reelay.upload;

import io.reelay.events.SegmentEncoded;
import io.reelay.events.Uploaded;
import io.reelay.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encode retried an output: events of the older attempt that arrive once the newer one has started are ignored and
 * their staged files removed, the newer attempt's delivery starts clean, and what is announced is the newer attempt.
 */
class StaleAttemptTest extends StoreAndBrokerTest {

    private UploadInstance upload;

    @BeforeAll
    void startUpload() {
        upload = UploadInstance.start(kafka, s3);
    }

    @AfterAll
    void stopUpload() {
        upload.close();
    }

    @Test
    void eventsOfAnOlderAttemptAfterTheNewerOneStartedAreIgnored() throws Exception {
        StagedOutput first = StagedOutput.hls("job-stale", "hls", 1, OUTPUTS, 4);
        StagedOutput second = StagedOutput.hls("job-stale", "hls", 2, OUTPUTS, 4);
        first.stageAll(store);
        publish(first.events().subList(0, 4));
        Await.until("attempt 1 delivered its first files",
                () -> bytes(OUTPUTS, first.destinationKey("720p/seg_00003.m4s")).isPresent());

        second.stageAll(store);
        publish(second.events().subList(0, 6));
        // attempt 1 is still running somewhere and staged two more files
        first.stage(store, 4, 6);
        publish(first.events().subList(4, 6));
        publish(second.events().subList(6, second.events().size()));

        Uploaded uploaded = awaitComplete("job-stale");
        awaitConsumed();
        assertThat(uploaded.getAttempt()).isEqualTo(2);
        assertThat(completeUploads("job-stale")).hasSize(1);
        for (SegmentEncoded event : second.events()) {
            assertThat(bytes(OUTPUTS, second.destinationKey(event.getPath()))).as(event.getPath())
                    .hasValueSatisfying(delivered -> assertThat(delivered).isEqualTo(second.bytesOf(event.getPath())));
        }
        assertThat(keys(UploadInstance.STAGING_BUCKET, first.stagedPrefix())).isEmpty();
        assertThat(keys(UploadInstance.STAGING_BUCKET, second.stagedPrefix())).isEmpty();
    }

    @Test
    void theNewerAttemptCountsOnlyItsOwnFilesAsDelivered() throws Exception {
        StagedOutput first = StagedOutput.hls("job-clean", "hls", 1, OUTPUTS, 4);
        StagedOutput second = StagedOutput.hls("job-clean", "hls", 2, OUTPUTS, 4);
        first.stageAll(store);
        publish(first.events().subList(0, 8));
        second.stageAll(store);
        publish(second.events());
        awaitComplete("job-clean");
        awaitConsumed();

        List<Uploaded> secondAttemptProgress = records(Topics.UPLOADED, "job-clean").stream()
                .filter(report -> !report.getComplete() && report.getAttempt() == 2)
                .toList();
        assertThat(secondAttemptProgress).isNotEmpty().allSatisfy(report -> assertThat(report.getBytesDelivered())
                .isEqualTo(second.events().subList(0, report.getFilesDelivered()).stream()
                        .mapToLong(SegmentEncoded::getSizeBytes).sum()));
    }

    @Test
    void anInstanceThatNeverSawTheNewerAttemptFindsItInTheStagingArea() throws Exception {
        StagedOutput first = StagedOutput.hls("job-fenced", "hls", 1, OUTPUTS, 2);
        StagedOutput second = StagedOutput.hls("job-fenced", "hls", 2, OUTPUTS, 2);
        first.stage(store, 0, 1);
        second.stage(store, 0, 1);

        publish(first.events().subList(0, 1));
        awaitConsumed();

        assertThat(bytes(OUTPUTS, first.destinationKey(first.events().get(0).getPath()))).isEmpty();
        assertThat(keys(UploadInstance.STAGING_BUCKET, first.stagedPrefix())).isEmpty();
        assertThat(keys(UploadInstance.STAGING_BUCKET, second.stagedPrefix())).hasSize(1);

        second.stageAll(store);
        publish(second.events());
        assertThat(awaitComplete("job-fenced").getAttempt()).isEqualTo(2);
    }
}
