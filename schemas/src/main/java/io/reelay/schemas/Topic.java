package io.reelay.schemas;

import java.util.Map;

/**
 * A Kafka topic of the contract: its name, the Avro class of its values (keys are always the job id as a
 * string) and the topic-level configuration it must be created with.
 */
public record Topic<V>(String name, Class<V> valueType, Map<String, String> config) {

    /** The dead-letter topic where records of this topic that cannot be processed are parked. */
    public String deadLetterName() {
        return name + ".dlq";
    }
}
