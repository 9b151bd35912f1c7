package io.reelay.state.http;

import io.reelay.state.streams.StateTopology;
import io.reelay.state.streams.StateTopologyConfig;
import io.reelay.testing.SelfDescribingAvroSerde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobStateLookupTest {

    @TempDir
    Path stateDir;

    @Test
    void storeOfStreamsThatAreNotRunningYetIsReportedUnavailable() {
        StateTopologyConfig config = new StateTopologyConfig(SelfDescribingAvroSerde.class.getName(), Map.of());
        Map<String, Object> streamsConfig = Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, "reelay-state-lookup-test",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (KafkaStreams streams = new KafkaStreams(StateTopology.build(config), new StreamsConfig(streamsConfig))) {
            JobStateLookup lookup = new JobStateLookup(streams, new InstanceEndpoint("127.0.0.1", 8085));

            assertThatThrownBy(() -> lookup.find("j1"))
                    .isInstanceOf(JobStateUnavailableException.class)
                    .hasMessageContaining("not queryable right now (CREATED)");
        }
    }
}
