package io.reelay.state.streams;

import io.reelay.schemas.EventSerdes;
import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/**
 * What the state topology needs from its environment: which Avro serde reads and writes event values, and the
 * settings (registry URL and the like) that serde is configured with.
 *
 * @param valueSerdeClass fully qualified class name of the value serde
 * @param serdeConfig configuration handed to every serde instance
 */
public record StateTopologyConfig(String valueSerdeClass, Map<String, ?> serdeConfig) {

    /** A fresh, configured serde; one per topic or store, as serdes may keep per-topic caches. */
    <V> Serde<V> valueSerde() {
        return EventSerdes.valueSerde(valueSerdeClass, serdeConfig);
    }
}
