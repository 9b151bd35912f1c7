package io.reelay.state.streams;

import io.reelay.schemas.EventSerdes;
import org.apache.kafka.common.serialization.Serde;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the state topology needs from its environment: which Avro serde reads and writes event values, and the
 * settings (registry URL and the like) that serde is configured with; how long a final job stays queryable; how
 * long a job may take before it times out; and whom to tell that a job changed (long-polls and event streams of
 * this instance wait on it).
 *
 * @param valueSerdeClass fully qualified class name of the value serde
 * @param serdeConfig configuration handed to every serde instance
 * @param jobRetention how long a job that is final stays in the store after its last change
 * @param jobTimeout how long after it was requested a job that is still not final fails with JOB_TIMEOUT
 * @param onChange called with the job id after every change stored
 */
public record StateTopologyConfig(String valueSerdeClass, Map<String, ?> serdeConfig, Duration jobRetention,
                                  Duration jobTimeout, Consumer<String> onChange) {

    public static final Duration DEFAULT_JOB_RETENTION = Duration.ofDays(30);
    public static final Duration DEFAULT_JOB_TIMEOUT = Duration.ofHours(24);

    public StateTopologyConfig(String valueSerdeClass, Map<String, ?> serdeConfig) {
        this(valueSerdeClass, serdeConfig, DEFAULT_JOB_RETENTION, DEFAULT_JOB_TIMEOUT, jobId -> { });
    }

    /** A fresh, configured serde; one per topic or store, as serdes may keep per-topic caches. */
    <V> Serde<V> valueSerde() {
        return EventSerdes.valueSerde(valueSerdeClass, serdeConfig);
    }
}
