package io.reelay.schemas;

import org.apache.kafka.common.serialization.Serde;

import java.util.HashMap;
import java.util.Map;

/**
 * Builds value serdes for Kafka Streams from configuration. The serde class is a setting, so a deployment on
 * Confluent Schema Registry swaps Apicurio's serde for Confluent's without a code change.
 */
public final class EventSerdes {

    /** Apicurio's Avro serde: Confluent wire format (magic byte 0, 4-byte schema id, Avro binary). */
    public static final String DEFAULT_SERDE_CLASS = "io.apicurio.registry.serde.avro.AvroSerde";

    private EventSerdes() {
    }

    /**
     * @param serdeClass fully qualified class name of a {@link Serde}
     * @param clientConfig registry settings passed to the serde (e.g. apicurio.registry.url)
     */
    @SuppressWarnings("unchecked")
    public static <V> Serde<V> valueSerde(String serdeClass, Map<String, ?> clientConfig) {
        try {
            Serde<V> serde = (Serde<V>) Class.forName(serdeClass).getDeclaredConstructor().newInstance();
            Map<String, Object> config = new HashMap<>(clientConfig);
            config.putIfAbsent("apicurio.registry.use-specific-avro-reader", true);
            config.putIfAbsent("specific.avro.reader", true);
            serde.configure(config, false);
            return serde;
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot instantiate serde " + serdeClass, e);
        }
    }
}
