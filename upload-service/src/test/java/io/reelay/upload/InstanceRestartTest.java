package io.reelay.upload;

import io.reelay.events.Revoked;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.Uploaded;
import io.reelay.schemas.Topics;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upload instance dies mid-job and another takes its partitions over: it sees only the records after the last
 * committed offset (and, for a crash between a copy and its commit, some records again), and still delivers the
 * rest, publishes the manifests and announces the output exactly once, without copying delivered files again.
 */
class InstanceRestartTest extends StoreAndBrokerTest {

    @Test
    void anotherInstanceFinishesTheOutputWithoutCopyingDeliveredFilesAgain() throws Exception {
        StagedOutput output = StagedOutput.hls("job-restart", "hls", 1, OUTPUTS, 4);
        List<SegmentEncoded> events = output.events();
        int half = 6;
        output.stageAll(store);

        try (UploadInstance first = UploadInstance.start(kafka, s3)) {
            publish(events.subList(0, half));
            Await.until("the first half is delivered and its staged copies removed", () ->
                    events.subList(0, half).stream().allMatch(event ->
                            bytes(OUTPUTS, output.destinationKey(event.getPath())).isPresent()
                                    && bytes(event.getStaged().getBucket(), event.getStaged().getKey()).isEmpty()));
        }
        // the dead instance had delivered two more files than it committed, and had not yet removed the staged
        // copy of the last of them
        rewind("job-restart", 2);
        output.stage(store, half - 1, half);

        try (UploadInstance second = UploadInstance.start(kafka, s3)) {
            publish(events.subList(half, events.size()));
            Uploaded uploaded = awaitComplete("job-restart");
            awaitConsumed();

            assertThat(uploaded.getFailure()).isNull();
            assertThat(uploaded.getAttempt()).isEqualTo(1);
            assertThat(uploaded.getPlaylistUrl()).endsWith("/" + OUTPUTS + "/job-restart/hls/master.m3u8");
            assertThat(uploaded.getObjectCount()).isEqualTo(events.size());
            assertThat(uploaded.getBytes()).isEqualTo(events.stream().mapToLong(SegmentEncoded::getSizeBytes).sum());
        }
        for (SegmentEncoded event : events) {
            String key = output.destinationKey(event.getPath());
            assertThat(bytes(OUTPUTS, key)).as(key).hasValueSatisfying(delivered ->
                    assertThat(delivered).isEqualTo(output.bytesOf(event.getPath())));
            assertThat(s3.copiesTo(OUTPUTS, key)).as("copies of " + key).isEqualTo(1);
        }
        assertThat(keys(UploadInstance.STAGING_BUCKET, output.stagedPrefix())).isEmpty();
        assertThat(completeUploads("job-restart")).hasSize(1);
    }

    @Test
    void aLastFileRedeliveredAfterTheAnnouncementDoesNotAnnounceTheOutputAgain() throws Exception {
        StagedOutput output = StagedOutput.hls("job-announced", "hls", 1, OUTPUTS, 2);
        output.stageAll(store);
        try (UploadInstance first = UploadInstance.start(kafka, s3)) {
            publish(output.events());
            awaitComplete("job-announced");
            awaitConsumed();
        }
        // the instance announced the output and died before committing the last record
        rewind("job-announced", 1);

        try (UploadInstance second = UploadInstance.start(kafka, s3)) {
            awaitConsumed();
        }

        assertThat(completeUploads("job-announced")).hasSize(1);
        assertThat(s3.copiesTo(OUTPUTS, output.destinationKey("master.m3u8"))).isEqualTo(1);
        assertThat(keys(UploadInstance.STAGING_BUCKET, output.stagedPrefix())).isEmpty();
    }

    @Test
    void aJobRevokedWhileNoInstanceRanIsCleanedUpAsItsFilesArrive() throws Exception {
        StagedOutput output = StagedOutput.hls("job-revoked-meanwhile", "hls", 1, OUTPUTS, 2);
        output.stageAll(store);
        try (UploadInstance first = UploadInstance.start(kafka, s3)) {
            publish(output.events().subList(0, 4));
            awaitConsumed();
        }
        kafka.publish(Topics.REVOKED, "job-revoked-meanwhile", Revoked.newBuilder().setJobId("job-revoked-meanwhile")
                .setRevokedAt(Instant.now()).build());

        try (UploadInstance second = UploadInstance.start(kafka, s3)) {
            publish(output.events().subList(4, output.events().size()));
            awaitConsumed();
        }

        assertThat(keys(OUTPUTS, output.destinationKey(""))).isEmpty();
        assertThat(keys(UploadInstance.STAGING_BUCKET, "staging/job-revoked-meanwhile/")).isEmpty();
        assertThat(completeUploads("job-revoked-meanwhile")).isEmpty();
    }
}
