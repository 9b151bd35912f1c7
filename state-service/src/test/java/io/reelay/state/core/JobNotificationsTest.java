package io.reelay.state.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelay.events.JobState;
import io.reelay.events.WebhookRequested;
import org.junit.jupiter.api.Test;

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

class JobNotificationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void completedJobIsAnnouncedOnceWithEveryOutputAndItsUsage() throws Exception {
        JobState uploading = fold(null, requested("j1", HOOK, "hls"), probed("j1", 1, "hls"),
                masterPlaylist("j1", "hls", 1, 0, 2));
        JobState complete = JobStateFolder.apply(uploading, uploaded("j1", "hls", 1, 3));

        assertThat(JobNotifications.decide(uploading, complete)).singleElement().satisfies(notification -> {
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

        WebhookRequested notification = JobNotifications.decide(encoding, failed).get(0);

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

        WebhookRequested notification = JobNotifications.decide(queued, revoked).get(0);

        assertThat(notification.getDeliveryId()).isEqualTo("j1:job:REVOKED");
        assertThat(json(notification.getBody()).get("event").asText()).isEqualTo("job.revoked");
        assertThat(json(notification.getBody()).at("/failure/reason").asText()).isEqualTo("REVOKED");
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
