package io.reelay.state.streams;

import io.reelay.events.JobRequested;
import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.events.OutputStatus;
import io.reelay.events.WebhookAttempted;
import io.reelay.events.WebhookOutcome;
import io.reelay.events.WebhookRequested;
import io.reelay.schemas.Topic;
import io.reelay.schemas.Topics;
import io.reelay.testing.SelfDescribingAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static io.reelay.state.JobEvents.at;
import static io.reelay.state.JobEvents.masterPlaylist;
import static io.reelay.state.JobEvents.probed;
import static io.reelay.state.JobEvents.requested;
import static io.reelay.state.JobEvents.segment;
import static io.reelay.state.JobEvents.uploaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StateTopologyTest {

    private static final String HOOK = "http://127.0.0.1:7000/hooks";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestOutputTopic<String, JobState> jobStatus;
    private TestOutputTopic<String, WebhookRequested> webhookRequests;

    @BeforeEach
    void startTopology() {
        StateTopologyConfig config = new StateTopologyConfig(SelfDescribingAvroSerde.class.getName(), Map.of());
        driver = StateTopologyDrivers.start("reelay-state-test", stateDir, config, Instant.now());
        jobStatus = StateTopologyDrivers.output(driver, Topics.JOB_STATUS);
        webhookRequests = StateTopologyDrivers.output(driver, Topics.WEBHOOK_REQUESTS);
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    private <V extends SpecificRecord> void publish(Topic<V> topic, String jobId, V event) {
        StateTopologyDrivers.input(driver, topic).pipeInput(jobId, event);
    }

    @Test
    void publishesEveryChangeOfTheJobAndAnnouncesItOnceWhenComplete() {
        publish(Topics.JOB_REQUESTED, "j1", requested("j1", HOOK, "hls"));
        publish(Topics.PROBED, "j1", probed("j1", 1, "hls"));
        publish(Topics.SEGMENT_ENCODED, "j1", segment("j1", "hls", 1, 0, 0.0, 2));
        publish(Topics.SEGMENT_ENCODED, "j1", masterPlaylist("j1", "hls", 1, 1, 3));
        publish(Topics.UPLOADED, "j1", uploaded("j1", "hls", 1, 4));

        assertThat(jobStatus.readKeyValuesToList())
                .extracting(record -> record.key, record -> record.value.getVersion(),
                        record -> record.value.getStatus(), record -> record.value.getOutputs().get(0).getStatus())
                .containsExactly(
                        tuple("j1", 1L, JobStatus.QUEUED, OutputStatus.QUEUED),
                        tuple("j1", 2L, JobStatus.ENCODING, OutputStatus.ENCODING),
                        tuple("j1", 3L, JobStatus.ENCODING, OutputStatus.ENCODING),
                        tuple("j1", 4L, JobStatus.UPLOADING, OutputStatus.UPLOADING),
                        tuple("j1", 5L, JobStatus.COMPLETE, OutputStatus.READY));
        assertThat(jobStatus.isEmpty()).isTrue();

        KeyValue<String, WebhookRequested> outputNotification = webhookRequests.readKeyValue();
        assertThat(outputNotification.value.getDeliveryId()).isEqualTo("j1:output:hls:READY");
        KeyValue<String, WebhookRequested> notification = webhookRequests.readKeyValue();
        assertThat(notification.key).isEqualTo("j1");
        assertThat(notification.value.getDeliveryId()).isEqualTo("j1:job:COMPLETE");
        assertThat(notification.value.getUrl()).isEqualTo(HOOK);
        assertThat(notification.value.getRequestedAt()).isEqualTo(at(4));
        assertThat(notification.value.getBody()).contains("\"event\":\"job.completed\"");
        assertThat(webhookRequests.isEmpty()).isTrue();
    }

    @Test
    void recordsWebhookTriesOfAFinalJobAndKeepsItsSecretOffJobStatus() {
        publish(Topics.JOB_REQUESTED, "j1", JobRequested.newBuilder(requested("j1", HOOK, "hls"))
                .setWebhookSecret("s3cret").build());
        publish(Topics.UPLOADED, "j1", uploaded("j1", "hls", 1, 4));
        jobStatus.readValuesToList();

        publish(Topics.WEBHOOK_ATTEMPTS, "j1", WebhookAttempted.newBuilder()
                .setDeliveryId("j1:job:COMPLETE").setJobId("j1").setEvent("job.completed").setUrl(HOOK)
                .setAttempt(1).setOutcome(WebhookOutcome.DELIVERED).setStatusCode(204).setAttemptedAt(at(5))
                .build());

        JobState recorded = jobStatus.readValue();
        assertThat(recorded.getStatus()).isEqualTo(JobStatus.COMPLETE);
        assertThat(recorded.getWebhookAttempts()).extracting(WebhookAttempted::getOutcome)
                .containsExactly(WebhookOutcome.DELIVERED);
        assertThat(recorded.getWebhookSecret()).isNull();
        assertThat(driver.<String, JobState>getKeyValueStore(StateTopology.JOB_STATE_STORE).get("j1")
                .getWebhookSecret()).isEqualTo("s3cret");
        assertThat(jobStatus.isEmpty()).isTrue();
    }

    @Test
    void keepsTheLatestStateOfEveryJobInTheStore() {
        publish(Topics.JOB_REQUESTED, "j1", requested("j1", HOOK, "hls"));
        publish(Topics.JOB_REQUESTED, "j2", requested("j2", null, "hls"));
        publish(Topics.PROBED, "j2", probed("j2", 1, "hls"));

        KeyValueStore<String, JobState> store = driver.getKeyValueStore(StateTopology.JOB_STATE_STORE);
        assertThat(store.get("j1").getStatus()).isEqualTo(JobStatus.QUEUED);
        assertThat(store.get("j2").getStatus()).isEqualTo(JobStatus.ENCODING);
        assertThat(store.get("j2").getVersion()).isEqualTo(2);
    }

    @Test
    void eventThatChangesNothingPublishesNothing() {
        publish(Topics.JOB_REQUESTED, "j1", requested("j1", HOOK, "hls"));
        jobStatus.readKeyValue();

        publish(Topics.JOB_REQUESTED, "j1", requested("j1", HOOK, "hls"));
        publish(Topics.SEGMENT_ENCODED, "unknown", segment("unknown", "hls", 1, 0, 0.0, 1));

        assertThat(jobStatus.isEmpty()).isTrue();
        assertThat(webhookRequests.isEmpty()).isTrue();
    }
}
