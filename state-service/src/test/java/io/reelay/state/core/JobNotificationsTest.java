package io.reelay.state.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelay.events.JobState;
import io.reelay.events.WebhookEvents;
import io.reelay.events.WebhookRequested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.reelay.state.JobEvents.at;
import static io.reelay.state.JobEvents.encodeFailed;
import static io.reelay.state.JobEvents.masterPlaylist;
import static io.reelay.state.JobEvents.probed;
import static io.reelay.state.JobEvents.requested;
import static io.reelay.state.JobEvents.revoked;
import static io.reelay.state.JobEvents.uploaded;
import static io.reelay.state.core.Folding.HOOK;
import static io.reelay.state.core.Folding.fold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class JobNotificationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static WebhookRequested jobNotification(List<WebhookRequested> notifications) {
        return notifications.stream().filter(n -> n.getOutputId() == null).findFirst().orElseThrow();
    }

    private static JobState withEvents(JobState job, WebhookEvents events) {
        return JobState.newBuilder(job).setWebhookEvents(events).build();
    }

    @Test
    void completedJobIsAnnouncedOnceWithEveryOutputAndItsUsage() throws Exception {
        JobState uploading = fold(null, requested("j1", HOOK, "hls"), probed("j1", 1, "hls"),
                masterPlaylist("j1", "hls", 1, 0, 2));
        JobState complete = JobStateFolder.apply(uploading, uploaded("j1", "hls", 1, 3));

        assertThat(JobNotifications.decide(uploading, complete)).filteredOn(n -> n.getOutputId() == null)
                .singleElement().satisfies(notification -> {
            assertThat(notification.getDeliveryId()).isEqualTo("j1:job:COMPLETE");
            assertThat(notification.getJobId()).isEqualTo("j1");
            assertThat(notification.getOutputId()).isNull();
            assertThat(notification.getUrl()).isEqualTo(HOOK);
            assertThat(notification.getRequestedAt()).isEqualTo(at(3));
            assertThat(json(notification.getBody())).isEqualTo(json("""
                    {"event": "job.completed", "jobId": "j1", "referenceId": "ref-j1", "status": "COMPLETE",
                     "failure": null,
                     "outputs": [{"outputId": "hls", "status": "READY",
                                  "playlistUrl": "http://127.0.0.1:9000/outputs/hls/master.m3u8",
                                  "manifestUrl": null, "bytes": 512000, "objectCount": 7,
                                  "usage": {"cpuSeconds": 3.5, "peakRssBytes": 120000000, "wallSeconds": 2.5,
                                            "encodedMediaSeconds": 4.0, "bytesWritten": 512000,
                                            "objectCount": 7},
                                  "failure": null}]}
                    """));
        });
    }

    @Test
    void failedJobIsAnnouncedWithItsFailure() throws Exception {
        JobState encoding = fold(null, requested("j1", HOOK, "hls"), probed("j1", 1, "hls"));
        JobState failed = JobStateFolder.apply(encoding, encodeFailed("j1", "hls", 1, 2));

        WebhookRequested notification = jobNotification(JobNotifications.decide(encoding, failed));

        assertThat(notification.getDeliveryId()).isEqualTo("j1:job:FAILED");
        JsonNode body = json(notification.getBody());
        assertThat(body.get("event").asText()).isEqualTo("job.failed");
        assertThat(body.get("failure")).isEqualTo(json("""
                {"reason": "ENCODE_FAILED", "message": "ffmpeg exited with status 1"}"""));
        assertThat(body.at("/outputs/0/status").asText()).isEqualTo("FAILED");
        assertThat(body.at("/outputs/0/usage").isNull()).isTrue();
    }

    @Test
    void revokedJobIsAnnouncedAsRevoked() throws Exception {
        JobState queued = fold(null, requested("j1", HOOK, "hls"));
        JobState revoked = JobStateFolder.apply(queued, revoked("j1", null, 1));

        WebhookRequested notification = jobNotification(JobNotifications.decide(queued, revoked));

        assertThat(notification.getDeliveryId()).isEqualTo("j1:job:REVOKED");
        assertThat(json(notification.getBody()).get("event").asText()).isEqualTo("job.revoked");
        assertThat(json(notification.getBody()).at("/failure/reason").asText()).isEqualTo("REVOKED");
    }

    @Test
    void eachOutputIsAnnouncedWhenItBecomesFinalAndBeforeTheJob() throws Exception {
        JobState encoding = fold(null, requested("j1", HOOK, "hls", "dash"), probed("j1", 1, "hls", "dash"));
        JobState oneReady = JobStateFolder.apply(encoding, uploaded("j1", "hls", 1, 2));
        JobState bothDone = JobStateFolder.apply(oneReady, encodeFailed("j1", "dash", 1, 3));

        assertThat(JobNotifications.decide(encoding, oneReady))
                .extracting(WebhookRequested::getDeliveryId, WebhookRequested::getOutputId, WebhookRequested::getEvent)
                .containsExactly(tuple("j1:output:hls:READY", "hls", "output.ready"));
        assertThat(JobNotifications.decide(oneReady, bothDone))
                .extracting(WebhookRequested::getDeliveryId, WebhookRequested::getEvent)
                .containsExactly(tuple("j1:output:dash:FAILED", "output.failed"), tuple("j1:job:FAILED", "job.failed"));
        JsonNode body = json(JobNotifications.decide(encoding, oneReady).get(0).getBody());
        assertThat(body.get("event").asText()).isEqualTo("output.ready");
        assertThat(body.get("referenceId").asText()).isEqualTo("ref-j1");
        assertThat(body.at("/output/playlistUrl").asText()).isEqualTo("http://127.0.0.1:9000/outputs/hls/master.m3u8");
    }

    @Test
    void jobChoosesWhichNotificationsItGets() {
        JobState encoding = fold(null, requested("j1", HOOK, "hls"), probed("j1", 1, "hls"));
        JobState complete = JobStateFolder.apply(encoding, uploaded("j1", "hls", 1, 2));

        assertThat(JobNotifications.decide(withEvents(encoding, WebhookEvents.JOB),
                withEvents(complete, WebhookEvents.JOB))).extracting(WebhookRequested::getEvent)
                .containsExactly("job.completed");
        assertThat(JobNotifications.decide(withEvents(encoding, WebhookEvents.OUTPUTS),
                withEvents(complete, WebhookEvents.OUTPUTS))).extracting(WebhookRequested::getEvent)
                .containsExactly("output.ready");
    }

    @Test
    void notificationCarriesTheJobsSecretForSigning() {
        JobState encoding = fold(null, requested("j1", HOOK, "hls"), probed("j1", 1, "hls"));
        JobState withSecret = JobState.newBuilder(encoding).setWebhookSecret("s3cret").build();

        assertThat(JobNotifications.decide(withSecret, JobStateFolder.apply(withSecret, uploaded("j1", "hls", 1, 2))))
                .extracting(WebhookRequested::getSecret).containsOnly("s3cret");
    }

    @Test
    void runningJobIsNotAnnounced() {
        JobState queued = fold(null, requested("j1", HOOK, "hls"));

        assertThat(JobNotifications.decide(null, queued)).isEmpty();
        assertThat(JobNotifications.decide(queued, JobStateFolder.apply(queued, probed("j1", 1, "hls")))).isEmpty();
    }

    @Test
    void jobWithoutWebhookIsNotAnnounced() {
        JobState encoding = fold(null, requested("j1", null, "hls"), probed("j1", 1, "hls"));

        assertThat(JobNotifications.decide(encoding, JobStateFolder.apply(encoding, uploaded("j1", "hls", 1, 2))))
                .isEmpty();
    }

    @Test
    void jobThatWasAlreadyFinalIsNotAnnouncedAgain() {
        JobState complete = fold(null, requested("j1", HOOK, "hls"), uploaded("j1", "hls", 1, 2));

        assertThat(JobNotifications.decide(complete, complete)).isEmpty();
    }
}
