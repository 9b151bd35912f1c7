package io.reelay.upload;

import io.reelay.events.RevokeAcknowledged;
import io.reelay.events.Revoked;
import io.reelay.events.Uploaded;
import io.reelay.schemas.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A revoke reaches upload while it delivers the job: the job's staged files go, open multipart uploads under its
 * prefixes are aborted, files copied to an unpublished destination are removed while a published output stays, the
 * owner of the job's partition acknowledges with what it did, and files announced after the revoke are skipped.
 */
class RevokeTest extends StoreAndBrokerTest {

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
    void aRevokedJobLeavesNothingHalfPublishedAndIsAcknowledged() throws Exception {
        StagedOutput published = StagedOutput.hls("job-revoked", "sd", 1, OUTPUTS, 2);
        StagedOutput delivering = StagedOutput.hls("job-revoked", "hls", 1, OUTPUTS, 4);
        published.stageAll(store);
        publish(published.events());
        awaitComplete("job-revoked");
        delivering.stageAll(store);
        publish(delivering.events().subList(0, 6));
        Await.until("six files of the second output are delivered",
                () -> keys(OUTPUTS, delivering.destinationKey("")).size() == 6);
        String bigFile = delivering.stagedPrefix() + "720p/seg_00099.m4s";
        String uploadId = store.createMultipartUpload(c -> c.bucket(UploadInstance.STAGING_BUCKET).key(bigFile))
                .uploadId();
        store.uploadPart(p -> p.bucket(UploadInstance.STAGING_BUCKET).key(bigFile).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(new byte[64 * 1024]));
        assertThat(openUploads("staging/job-revoked/")).hasSize(1);
        String foreign = delivering.destinationKey("notes.txt");
        store.putObject(p -> p.bucket(OUTPUTS).key(foreign), RequestBody.fromString("not written by Reelay"));

        kafka.publish(Topics.REVOKED, "job-revoked", revoke("job-revoked", null));

        RevokeAcknowledged acknowledged = awaitAcknowledgement("job-revoked");
        assertThat(acknowledged.getService()).isEqualTo("upload");
        assertThat(acknowledged.getOutputId()).isNull();
        assertThat(acknowledged.getDeletedObjects()).as("7 staged files, 6 delivered files").isEqualTo(13);
        assertThat(acknowledged.getAbortedUploads()).isEqualTo(1);
        assertThat(acknowledged.getStoppedProcesses()).isZero();
        assertThat(keys(UploadInstance.STAGING_BUCKET, "staging/job-revoked/")).isEmpty();
        assertThat(openUploads("staging/job-revoked/")).isEmpty();
        assertThat(keys(OUTPUTS, delivering.destinationKey(""))).containsExactly(foreign);
        assertThat(keys(OUTPUTS, published.destinationKey(""))).hasSize(published.events().size());

        // encode staged and announced more files before it stopped
        delivering.stage(store, 6, delivering.events().size());
        publish(delivering.events().subList(6, delivering.events().size()));
        awaitConsumed();

        assertThat(keys(OUTPUTS, delivering.destinationKey(""))).containsExactly(foreign);
        assertThat(keys(UploadInstance.STAGING_BUCKET, "staging/job-revoked/")).isEmpty();
        assertThat(completeUploads("job-revoked")).extracting(Uploaded::getOutputId).containsExactly("sd");
        assertThat(records(Topics.REVOKE_ACKNOWLEDGED, "job-revoked")).hasSize(1);
    }

    @Test
    void revokingOneOutputLetsTheOtherOutputsOfTheJobFinish() throws Exception {
        StagedOutput revoked = StagedOutput.hls("job-one-revoked", "a", 1, OUTPUTS, 2);
        StagedOutput kept = StagedOutput.hls("job-one-revoked", "b", 1, OUTPUTS, 2);
        revoked.stageAll(store);
        kept.stageAll(store);
        publish(revoked.events().subList(0, 3));
        publish(kept.events().subList(0, 3));
        awaitConsumed();

        kafka.publish(Topics.REVOKED, "job-one-revoked", revoke("job-one-revoked", "a"));
        RevokeAcknowledged acknowledged = awaitAcknowledgement("job-one-revoked");
        publish(revoked.events().subList(3, revoked.events().size()));
        publish(kept.events().subList(3, kept.events().size()));

        assertThat(awaitComplete("job-one-revoked").getOutputId()).isEqualTo("b");
        awaitConsumed();
        assertThat(acknowledged.getOutputId()).isEqualTo("a");
        assertThat(acknowledged.getDeletedObjects()).as("6 staged files, 3 delivered files").isEqualTo(9);
        assertThat(completeUploads("job-one-revoked")).hasSize(1);
        assertThat(keys(OUTPUTS, revoked.destinationKey(""))).isEmpty();
        assertThat(keys(OUTPUTS, kept.destinationKey(""))).hasSize(kept.events().size());
        assertThat(keys(UploadInstance.STAGING_BUCKET, "staging/job-one-revoked/")).isEmpty();
    }

    private RevokeAcknowledged awaitAcknowledgement(String jobId) {
        Await.until("upload acknowledged the revoke of " + jobId,
                () -> !records(Topics.REVOKE_ACKNOWLEDGED, jobId).isEmpty());
        return records(Topics.REVOKE_ACKNOWLEDGED, jobId).get(0);
    }

    private List<MultipartUpload> openUploads(String prefix) {
        return store.listMultipartUploads(l -> l.bucket(UploadInstance.STAGING_BUCKET).prefix(prefix)).uploads()
                .stream().filter(open -> open.key().startsWith(prefix)).toList();
    }

    private static Revoked revoke(String jobId, String outputId) {
        return Revoked.newBuilder().setJobId(jobId).setOutputId(outputId).setTenant("test").setReason("test revoke")
                .setRevokedAt(Instant.now()).build();
    }
}
