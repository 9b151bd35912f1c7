package io.reelay.state.http;

import io.reelay.events.JobState;
import io.reelay.state.streams.StateTopology;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.Optional;

/**
 * Finds the state of a job in this instance's part of the job-state table. A job owned by another instance is not
 * found here yet: forwarding goes in {@link #find} once instances advertise their endpoints
 * ({@code KafkaStreams#queryMetadataForKey} tells which instance owns a key).
 */
@Singleton
public class JobStateLookup {

    private final KafkaStreams streams;

    public JobStateLookup(KafkaStreams streams) {
        this.streams = streams;
    }

    /** @throws JobStateUnavailableException while the store cannot be queried (starting up, rebalancing) */
    public Optional<JobState> find(String jobId) {
        try {
            ReadOnlyKeyValueStore<String, JobState> store = streams.store(StoreQueryParameters.fromNameAndType(
                    StateTopology.JOB_STATE_STORE, QueryableStoreTypes.keyValueStore()));
            return Optional.ofNullable(store.get(jobId));
        } catch (InvalidStateStoreException e) {
            throw new JobStateUnavailableException("Job states are not queryable right now (" + streams.state()
                    + "); retry shortly", e);
        }
    }
}
