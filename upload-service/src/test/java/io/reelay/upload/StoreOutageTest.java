package io.reelay.upload;

import io.reelay.events.FailureReason;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.Uploaded;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The object store misbehaves during a delivery: an outage shorter than the retries is ridden out, a longer one
 * fails only the output concerned, and an answer that will not change (a missing bucket) fails it without retries.
 */
class StoreOutageTest extends StoreAndBrokerTest {

    /** Shorter than what the default retries ride out (about 45 s), as long as a store restart may take. */
    private static final Duration OUTAGE = Duration.ofSeconds(15);

    @Test
    void anOutputIsDeliveredCompletelyOnceTheStoreIsBackWithTheDefaultRetries() throws Exception {
        StagedOutput output = StagedOutput.hls("job-outage", "hls", 1, OUTPUTS, 4);
        List<SegmentEncoded> events = output.events();
        output.stageAll(store);
        try (UploadInstance upload = UploadInstance.start(kafka, s3)) {
            publish(events.subList(0, 3));
            Await.until("the first files are delivered",
                    () -> bytes(OUTPUTS, output.destinationKey(events.get(2).getPath())).isPresent());

            s3.goDown();
            publish(events.subList(3, events.size()));
            Thread.sleep(OUTAGE.toMillis()); // the outage itself, not a wait for a result
            s3.comeBack();

            Uploaded uploaded = awaitComplete("job-outage");
            awaitConsumed();
            assertThat(uploaded.getFailure()).isNull();
            assertThat(uploaded.getObjectCount()).isEqualTo(events.size());
        }
        for (SegmentEncoded event : events) {
            String key = output.destinationKey(event.getPath());
            assertThat(bytes(OUTPUTS, key)).as(key).hasValueSatisfying(delivered ->
                    assertThat(delivered).isEqualTo(output.bytesOf(event.getPath())));
            assertThat(s3.copiesTo(OUTPUTS, key)).as("copies of " + key).isEqualTo(1);
        }
        assertThat(completeUploads("job-outage")).hasSize(1);
        assertThat(keys(UploadInstance.STAGING_BUCKET, output.stagedPrefix())).isEmpty();
    }

    @Test
    void anOutageLongerThanTheRetriesFailsTheOutputWithUploadFailed() throws Exception {
        StagedOutput output = StagedOutput.hls("job-long-outage", "hls", 1, OUTPUTS, 2);
        output.stageAll(store);
        Map<String, String> impatient = Map.of("reelay.upload.retries", "2",
                "reelay.upload.retry-backoff", "100ms", "reelay.upload.retry-backoff-max", "100ms");
        try (UploadInstance upload = UploadInstance.start(kafka, s3, impatient)) {
            s3.goDown();
            try {
                publish(output.events().subList(0, 1));
                Uploaded failed = awaitComplete("job-long-outage");
                assertThat(failed.getFailure().getReason()).isEqualTo(FailureReason.UPLOAD_FAILED);
                assertThat(failed.getFailure().getMessage()).contains("object store unavailable", "2 retries");
            } finally {
                s3.comeBack();
            }
            publish(output.events().subList(1, output.events().size()));
            awaitConsumed();
        }
        assertThat(completeUploads("job-long-outage")).hasSize(1);
        assertThat(keys(OUTPUTS, output.destinationKey("master.m3u8"))).isEmpty();
    }

    @Test
    void aMissingDestinationBucketFailsThatOutputWithoutRetriesWhileTheOthersGoOn() throws Exception {
        StagedOutput nowhere = StagedOutput.hls("job-no-bucket", "lost", 1, "no-such-bucket", 2);
        StagedOutput fine = StagedOutput.hls("job-no-bucket", "fine", 1, OUTPUTS, 2);
        nowhere.stageAll(store);
        fine.stageAll(store);
        // a retry would wait ten minutes: the failure arriving at all shows there was none
        Map<String, String> slowRetries = Map.of("reelay.upload.retry-backoff", "10m",
                "reelay.upload.retry-backoff-max", "10m");
        try (UploadInstance upload = UploadInstance.start(kafka, s3, slowRetries)) {
            publish(nowhere.events());
            publish(fine.events());
            Await.until("both outputs are final", () -> completeUploads("job-no-bucket").size() == 2);
            awaitConsumed();
        }

        List<Uploaded> outcomes = completeUploads("job-no-bucket");
        assertThat(outcomes).filteredOn(uploaded -> uploaded.getOutputId().equals("lost")).singleElement()
                .satisfies(lost -> assertThat(lost.getFailure().getReason())
                        .isEqualTo(FailureReason.OUTPUT_BUCKET_NOT_FOUND));
        assertThat(outcomes).filteredOn(uploaded -> uploaded.getOutputId().equals("fine")).singleElement()
                .satisfies(delivered -> assertThat(delivered.getFailure()).isNull());
        assertThat(keys(UploadInstance.STAGING_BUCKET, nowhere.stagedPrefix())).isEmpty();
    }
}
