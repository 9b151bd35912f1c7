package io.reelay.state.streams;

import io.reelay.events.FailureReason;
import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.events.Revoked;
import io.reelay.events.WebhookRequested;
import io.reelay.schemas.Topic;
import io.reelay.schemas.Topics;
import io.reelay.testing.SelfDescribingAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.reelay.state.JobEvents.T0;
import static io.reelay.state.JobEvents.TENANT;
import static io.reelay.state.JobEvents.acknowledged;
import static io.reelay.state.JobEvents.probed;
import static io.reelay.state.JobEvents.requested;
import static io.reelay.state.JobEvents.revoked;
import static io.reelay.state.JobEvents.uploaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Revokes and their acknowledgements through the topology, and jobs that time out and are revoked by it. */
class RevokeTopologyTest {

    private static final String HOOK = "http://127.0.0.1:7000/hooks";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** The sweep runs every tenth of the timeout when that is shorter than the retention. */
    private static final Duration SWEEP = TIMEOUT.dividedBy(10);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestOutputTopic<String, JobState> jobStatus;
    private TestOutputTopic<String, WebhookRequested> webhookRequests;
    private TestOutputTopic<String, Revoked> revokes;

    @BeforeEach
    void startTopologyWhenJobsAreRequested() {
        StateTopologyConfig config = new StateTopologyConfig(SelfDescribingAvroSerde.class.getName(), Map.of(),
                StateTopologyConfig.DEFAULT_JOB_RETENTION, TIMEOUT, jobId -> { });
        driver = StateTopologyDrivers.start("reelay-state-revoke-test", stateDir, config, T0);
        jobStatus = output(Topics.JOB_STATUS);
        webhookRequests = output(Topics.WEBHOOK_REQUESTS);
        revokes = output(Topics.REVOKED);
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    private <V> TestOutputTopic<String, V> output(Topic<V> topic) {
        return StateTopologyDrivers.output(driver, topic);
    }

    private <V extends SpecificRecord> void publish(Topic<V> topic, String jobId, V event) {
        StateTopologyDrivers.input(driver, topic).pipeInput(jobId, event);
    }

    @Test
    void revokedJobIsAnnouncedOnceAndShowsTheRevokeCompleteWhenEveryServiceAcknowledged() {
        publish(Topics.JOB_REQUESTED, "j1", requested("j1", HOOK, "hls"));
        publish(Topics.PROBED, "j1", probed("j1", 1, "hls"));
        publish(Topics.REVOKED, "j1", revoked("j1", null, 2));
        jobStatus.readValuesToList();
        assertThat(webhookRequests.readValuesToList()).extracting(WebhookRequested::getDeliveryId)
                .containsExactly("j1:output:hls:REVOKED", "j1:job:REVOKED");

        publish(Topics.REVOKE_ACKNOWLEDGED, "j1", acknowledged("j1", null, "probe", 0, 3));
        publish(Topics.REVOKE_ACKNOWLEDGED, "j1", acknowledged("j1", null, "encode", 1, 3));
        publish(Topics.REVOKE_ACKNOWLEDGED, "j1", acknowledged("j1", null, "upload", 0, 4));

        assertThat(jobStatus.readValuesToList())
                .extracting(JobState::getStatus, job -> job.getRevoke().getAcknowledgements().size(),
                        job -> job.getRevoke().getComplete())
                .containsExactly(
                        tuple(JobStatus.REVOKED, 1, false),
                        tuple(JobStatus.REVOKED, 2, false),
                        tuple(JobStatus.REVOKED, 3, true));
        assertThat(webhookRequests.isEmpty()).as("acknowledgements are no new notification").isTrue();
        assertThat(revokes.isEmpty()).as("only timeouts are revoked by the state service").isTrue();
    }

    @Test
    void jobStillRunningAfterTheTimeoutFailsAndIsRevokedWhileFinishedJobsStayAsTheyAre() {
        publish(Topics.JOB_REQUESTED, "j1", requested("j1", HOOK, "hls"));
        publish(Topics.PROBED, "j1", probed("j1", 1, "hls"));
        publish(Topics.JOB_REQUESTED, "j2", requested("j2", HOOK, "hls"));
        publish(Topics.UPLOADED, "j2", uploaded("j2", "hls", 1, 2));
        jobStatus.readValuesToList();
        webhookRequests.readValuesToList();

        driver.advanceWallClockTime(TIMEOUT);
        assertThat(jobStatus.isEmpty()).as("exactly as old as the timeout: still running").isTrue();
        driver.advanceWallClockTime(SWEEP);

        JobState timedOut = jobStatus.readValue();
        assertThat(timedOut.getJobId()).isEqualTo("j1");
        assertThat(timedOut.getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(timedOut.getFailure().getReason()).isEqualTo(FailureReason.JOB_TIMEOUT);
        assertThat(jobStatus.isEmpty()).as("its revoke coming back changes nothing; j2 was complete").isTrue();
        assertThat(webhookRequests.readValuesToList()).extracting(WebhookRequested::getDeliveryId)
                .containsExactly("j1:output:hls:FAILED", "j1:job:FAILED");
        Revoked revoke = revokes.readValue();
        assertThat(revoke.getJobId()).isEqualTo("j1");
        assertThat(revoke.getOutputId()).isNull();
        assertThat(revoke.getTenant()).isEqualTo(TENANT);
        assertThat(revoke.getReason()).isEqualTo("JOB_TIMEOUT");
        assertThat(revoke.getRevokedAt()).isEqualTo(T0.plus(TIMEOUT).plus(SWEEP));
        assertThat(revokes.isEmpty()).isTrue();

        publish(Topics.REVOKE_ACKNOWLEDGED, "j1", acknowledged("j1", null, "probe", 0, 700));
        publish(Topics.REVOKE_ACKNOWLEDGED, "j1", acknowledged("j1", null, "encode", 1, 700));
        publish(Topics.REVOKE_ACKNOWLEDGED, "j1", acknowledged("j1", null, "upload", 0, 701));

        KeyValueStore<String, JobState> store = driver.getKeyValueStore(StateTopology.JOB_STATE_STORE);
        assertThat(store.get("j1").getStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(store.get("j1").getRevoke().getComplete()).isTrue();
        assertThat(store.get("j2").getStatus()).isEqualTo(JobStatus.COMPLETE);
    }
}
