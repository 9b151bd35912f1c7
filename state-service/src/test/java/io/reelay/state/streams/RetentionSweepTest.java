package io.reelay.state.streams;

import io.reelay.events.JobState;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.reelay.state.JobEvents.at;
import static io.reelay.state.JobEvents.masterPlaylist;
import static io.reelay.state.JobEvents.probed;
import static io.reelay.state.JobEvents.requested;
import static io.reelay.state.JobEvents.segment;
import static io.reelay.state.JobEvents.uploaded;
import static org.assertj.core.api.Assertions.assertThat;

/** Final jobs leave the store, and job-status, once the retention has passed since their last change. */
class RetentionSweepTest {

    private static final Duration RETENTION = Duration.ofDays(30);
    /** The sweep runs every tenth of the retention, at most hourly. */
    private static final Duration SWEEP = Duration.ofHours(1);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestOutputTopic<String, JobState> jobStatus;
    private final List<String> changed = new ArrayList<>();

    @BeforeEach
    void startTopologyOneSweepBeforeTheCompleteJobExpires() {
        // j2 never ends: a timeout longer than this test's clock runs keeps it running
        StateTopologyConfig config = new StateTopologyConfig(SelfDescribingAvroSerde.class.getName(), Map.of(),
                RETENTION, RETENTION.multipliedBy(2), changed::add);
        // j1 completes at second 4, so it expires when the clock passes at(4) + RETENTION.
        driver = StateTopologyDrivers.start("reelay-state-retention-test", stateDir, config,
                at(4).plus(RETENTION).minus(SWEEP));
        jobStatus = StateTopologyDrivers.output(driver, Topics.JOB_STATUS);
    }

    @AfterEach
    void closeTopology() {
        driver.close();
    }

    private <V extends SpecificRecord> void publish(Topic<V> topic, String jobId, V event) {
        StateTopologyDrivers.input(driver, topic).pipeInput(jobId, event);
    }

    @Test
    void removesAFinalJobOnlyAfterTheRetentionAndKeepsJobsStillRunning() {
        publish(Topics.JOB_REQUESTED, "j1", requested("j1", null, "hls"));
        publish(Topics.PROBED, "j1", probed("j1", 1, "hls"));
        publish(Topics.SEGMENT_ENCODED, "j1", segment("j1", "hls", 1, 0, 0.0, 2));
        publish(Topics.SEGMENT_ENCODED, "j1", masterPlaylist("j1", "hls", 1, 1, 3));
        publish(Topics.UPLOADED, "j1", uploaded("j1", "hls", 1, 4));
        publish(Topics.JOB_REQUESTED, "j2", requested("j2", null, "hls"));
        jobStatus.readKeyValuesToList();
        changed.clear();
        KeyValueStore<String, JobState> store = driver.getKeyValueStore(StateTopology.JOB_STATE_STORE);

        driver.advanceWallClockTime(SWEEP);
        assertThat(store.get("j1")).as("exactly as old as the retention: kept").isNotNull();
        assertThat(jobStatus.isEmpty()).isTrue();

        driver.advanceWallClockTime(SWEEP);
        assertThat(store.get("j1")).as("older than the retention: removed").isNull();
        assertThat(store.get("j2")).as("not final: kept however old").isNotNull();
        assertThat(jobStatus.readKeyValue()).isEqualTo(KeyValue.pair("j1", null));
        assertThat(jobStatus.isEmpty()).isTrue();
        assertThat(changed).containsExactly("j1");
    }
}
