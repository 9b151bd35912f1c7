package io.reelay.kafka;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings for a consumer that assigns itself partitions instead of joining a group and commits nothing: the
 * service's own Kafka settings (broker, registry, serde), without its group.
 */
public final class AssignedConsumers {

    /** The value deserializer the service's listeners use, for a {@code @Value} parameter. */
    public static final String VALUE_DESERIALIZER = "${kafka.consumers.default.value.deserializer:"
            + "io.apicurio.registry.serde.avro.AvroKafkaDeserializer}";

    private AssignedConsumers() {
    }

    public static Map<String, Object> config(KafkaDefaultConfiguration kafka) {
        Map<String, Object> config = new HashMap<>();
        kafka.getConfig().forEach((key, value) -> config.put(key.toString(), value));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent("apicurio.registry.use-specific-avro-reader", true);
        return config;
    }
}
