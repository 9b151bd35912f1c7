package io.reelay.state.streams;

import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.reelay.schemas.EventSerdes;
import io.reelay.state.core.JobStateChange;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.KStream;

import java.util.HashMap;
import java.util.Map;

/**
 * Puts the state topology on the Streams builder Micronaut configures from {@code kafka.streams.default.*};
 * Micronaut then starts it and exposes the running {@code KafkaStreams}.
 */
@Factory
public class StateStreamsFactory {

    @Singleton
    KStream<String, JobStateChange> jobStateChanges(
            ConfiguredStreamBuilder builder,
            @Value("${reelay.streams.value-serde:" + EventSerdes.DEFAULT_SERDE_CLASS + "}") String valueSerde,
            @Nullable @Value("${reelay.streams.state-dir:}") String stateDir) {
        // Micronaut creates KafkaStreams from this configuration only after every KStream bean exists.
        if (stateDir != null && !stateDir.isBlank()) {
            builder.getConfiguration().put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        }
        // Serdes see the whole streams configuration, as Kafka Streams' own default serdes do, so whichever
        // registry the configured serde talks to finds its settings (kafka.apicurio.*, schema.registry.url, ...).
        Map<String, Object> serdeConfig = new HashMap<>();
        builder.getConfiguration().forEach((key, value) -> serdeConfig.put(key.toString(), value));
        return StateTopology.define(builder, new StateTopologyConfig(valueSerde, serdeConfig));
    }
}
