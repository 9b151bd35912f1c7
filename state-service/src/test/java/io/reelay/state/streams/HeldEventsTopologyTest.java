package io.reelay.state.streams;

import io.reelay.events.HeldEvent;
import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.events.OutputStatus;
import io.reelay.events.WebhookRequested;
import io.reelay.schemas.Topic;
import io.reelay.schemas.Topics;
import io.reelay.testing.SelfDescribingAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.reelay.state.JobEvents.TENANT;
import static io.reelay.state.JobEvents.at;
import static io.reelay.state.JobEvents.masterPlaylist;
import static io.reelay.state.JobEvents.probed;
import static io.reelay.state.JobEvents.requested;
import static io.reelay.state.JobEvents.segment;
import static io.reelay.state.JobEvents.uploaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Events read before their job's request, as after an outage or under a backlog, are not lost. */
class HeldEventsTopologyTest {

    private static final String HOOK = "http://127.0.0.1:7000/hooks";
    private static final Duration TIMEOUT = Duration.ofHours(1);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestOutputTopic<String, JobState> jobStatus;
    private TestOutputTopic<String, WebhookRequested> webhookRequests;

    @BeforeEach
    void startTopology() {
        StateTopologyConfig config = new StateTopologyConfig(SelfDescribingAvroSerde.class.getName(), Map.of(),
                Duration.ofDays(30), TIMEOUT, jobId -> { });
        driver = StateTopologyDrivers.start("reelay-state-held-test", stateDir, config, at(0));
        jobStatus = StateTopologyDrivers.output(driver, Topics.JOB_STATUS);
        webhookRequests = StateTopologyDrivers.output(driver, Topics.WEBHOOK_REQUESTS);
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    private <V extends SpecificRecord> void publish(Topic<V> topic, String jobId, V event, Instant time) {
        StateTopologyDrivers.input(driver, topic).pipeInput(jobId, event, time);
    }

    @Test
    void foldsEventsReadBeforeTheRequestInTheOrderTheyHappenedOnceItArrives() {
        publish(Topics.UPLOADED, "j1", uploaded("j1", "hls", 1, 4), at(4));
        publish(Topics.SEGMENT_ENCODED, "j1", segment("j1", "hls", 1, 0, 0.0, 2), at(2));
        publish(Topics.PROBED, "j1", probed("j1", 1, "hls"), at(1));
        publish(Topics.SEGMENT_ENCODED, "j1", masterPlaylist("j1", "hls", 1, 1, 3), at(3));

        assertThat(jobStatus.isEmpty()).isTrue();
        assertThat(jobStore().get("j1")).isNull();
        assertThat(heldCount()).isEqualTo(4);

        publish(Topics.JOB_REQUESTED, "j1", requested("j1", HOOK, "hls"), at(0));

        assertThat(jobStatus.readValuesToList())
                .extracting(JobState::getVersion, JobState::getStatus, job -> job.getOutputs().get(0).getStatus())
                .containsExactly(
                        tuple(1L, JobStatus.QUEUED, OutputStatus.QUEUED),
                        tuple(2L, JobStatus.ENCODING, OutputStatus.ENCODING),
                        tuple(3L, JobStatus.ENCODING, OutputStatus.ENCODING),
                        tuple(4L, JobStatus.UPLOADING, OutputStatus.UPLOADING),
                        tuple(5L, JobStatus.COMPLETE, OutputStatus.READY));
        JobState job = jobStore().get("j1");
        assertThat(job.getTenant()).isEqualTo(TENANT);
        assertThat(job.getOutputs().get(0).getPlaylistUrl()).isNotBlank();
        assertThat(webhookRequests.readValuesToList()).extracting(WebhookRequested::getDeliveryId)
                .containsExactly("j1:output:hls:READY", "j1:job:COMPLETE");
        assertThat(heldCount()).isZero();
    }

    @Test
    void holdsEachJobsEventsApartFromOtherJobs() {
        publish(Topics.PROBED, "j1", probed("j1", 1, "hls"), at(1));
        publish(Topics.PROBED, "j10", probed("j10", 1, "hls"), at(1));

        publish(Topics.JOB_REQUESTED, "j1", requested("j1", null, "hls"), at(0));

        assertThat(jobStore().get("j1").getStatus()).isEqualTo(JobStatus.ENCODING);
        assertThat(jobStore().get("j10")).isNull();
        assertThat(heldCount()).isEqualTo(1);
    }

    @Test
    void dropsHeldEventsWhoseRequestDoesNotComeWithinTheJobTimeout() {
        publish(Topics.PROBED, "j2", probed("j2", 1, "hls"), at(1));
        driver.advanceWallClockTime(TIMEOUT.plusMinutes(10));
        assertThat(heldCount()).isZero();

        publish(Topics.JOB_REQUESTED, "j2", requested("j2", null, "hls"), at(0).plus(TIMEOUT));

        assertThat(jobStore().get("j2").getStatus()).isEqualTo(JobStatus.QUEUED);
    }

    private KeyValueStore<String, JobState> jobStore() {
        return driver.getKeyValueStore(StateTopology.JOB_STATE_STORE);
    }

    private int heldCount() {
        int count = 0;
        try (KeyValueIterator<String, HeldEvent> all =
                     driver.<String, HeldEvent>getKeyValueStore(StateTopology.HELD_EVENTS_STORE).all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }
}
