package io.reelay.state.streams;

import io.reelay.schemas.Topic;
import io.reelay.testing.SelfDescribingAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/** The state topology in a {@link TopologyTestDriver}, exactly-once as the service runs it, and its topics. */
final class StateTopologyDrivers {

    private StateTopologyDrivers() {
    }

    /** @param wallClock the driver's wall-clock time at start, which drives the sweeps */
    static TopologyTestDriver start(String applicationId, Path stateDir, StateTopologyConfig config,
                                    Instant wallClock) {
        Properties streamsConfig = new Properties();
        streamsConfig.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        streamsConfig.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        streamsConfig.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        streamsConfig.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(StateTopology.build(config), streamsConfig, wallClock);
    }

    static <V> TestOutputTopic<String, V> output(TopologyTestDriver driver, Topic<V> topic) {
        return driver.createOutputTopic(topic.name(), Serdes.String().deserializer(),
                SelfDescribingAvroSerde.<V>forValues().deserializer());
    }

    static <V extends SpecificRecord> TestInputTopic<String, V> input(TopologyTestDriver driver, Topic<V> topic) {
        return driver.createInputTopic(topic.name(), Serdes.String().serializer(),
                SelfDescribingAvroSerde.<V>forValues().serializer());
    }
}
