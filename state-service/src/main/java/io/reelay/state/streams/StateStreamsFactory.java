package io.reelay.state.streams;

import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.reelay.kafka.DeadLetterProducer;
import io.reelay.schemas.EventSerdes;
import io.reelay.state.core.JobStateChange;
import io.reelay.state.http.InstanceEndpoint;
import io.reelay.state.http.JobChanges;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.KStream;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts the state topology on the Streams builder Micronaut configures from {@code kafka.streams.default.*};
 * Micronaut then starts it and exposes the running {@code KafkaStreams}. Also says where this instance is reached,
 * which Streams advertises to the other instances for forwarding queries.
 */
@Factory
public class StateStreamsFactory {

    @Singleton
    InstanceEndpoint instanceEndpoint(@Nullable @Value("${reelay.state.advertised-endpoint:}") String advertised,
                                      @Value("${micronaut.server.host:127.0.0.1}") String host,
                                      @Value("${micronaut.server.port:8085}") int port) {
        return advertised == null || advertised.isBlank()
                ? new InstanceEndpoint(host, port)
                : InstanceEndpoint.parse(advertised);
    }

    /** Sends what the topology cannot read or fold to the dead-letter topics (see {@link StreamsDeadLetters}). */
    @Singleton
    @Bean(preDestroy = "close")
    DeadLetterProducer streamsDeadLetters(@Value("${kafka.bootstrap.servers}") String bootstrapServers) {
        return new DeadLetterProducer(bootstrapServers);
    }

    @Singleton
    KStream<String, JobStateChange> jobStateChanges(
            ConfiguredStreamBuilder builder,
            InstanceEndpoint endpoint,
            JobChanges changes,
            @Value("${reelay.streams.value-serde:" + EventSerdes.DEFAULT_SERDE_CLASS + "}") String valueSerde,
            @Value("${reelay.state.job-retention:30d}") Duration jobRetention,
            @Value("${reelay.state.job-timeout:24h}") Duration jobTimeout,
            @Nullable @Value("${reelay.streams.state-dir:}") String stateDir,
            DeadLetterProducer deadLetters) {
        // Micronaut creates KafkaStreams from this configuration only after every KStream bean exists.
        if (stateDir != null && !stateDir.isBlank()) {
            builder.getConfiguration().put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        }
        builder.getConfiguration().put(StreamsConfig.APPLICATION_SERVER_CONFIG, endpoint.hostPort());
        // Serdes see the whole streams configuration, as Kafka Streams' own default serdes do, so whichever
        // registry the configured serde talks to finds its settings (kafka.apicurio.*, schema.registry.url, ...).
        Map<String, Object> serdeConfig = new HashMap<>();
        builder.getConfiguration().forEach((key, value) -> serdeConfig.put(key.toString(), value));
        builder.getConfiguration().put(StreamsDeadLetters.PRODUCER_CONFIG, deadLetters);
        return StateTopology.define(builder,
                new StateTopologyConfig(valueSerde, serdeConfig, jobRetention, jobTimeout, changes::changed));
    }
}
