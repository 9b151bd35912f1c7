package io.reelay.state.http;

import io.reelay.events.JobState;
import io.reelay.state.streams.StateTopology;
import jakarta.inject.Singleton;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * This instance's view of the job-state table: its own part of the store, and which instance owns any other job
 * (Kafka Streams' metadata, fed by every instance's {@code application.server}).
 */
@Singleton
public class JobStateLookup {

    private final KafkaStreams streams;
    private final HostInfo self;

    public JobStateLookup(KafkaStreams streams, InstanceEndpoint self) {
        this.streams = streams;
        this.self = self.hostInfo();
    }

    /**
     * The job from this instance's part of the store.
     *
     * @throws JobStateUnavailableException while the store cannot be queried (starting up, rebalancing)
     */
    public Optional<JobState> find(String jobId) {
        return query(store -> Optional.ofNullable(store.get(jobId)));
    }

    /** Hands every job of this instance's part of the store to {@code sink}. */
    public void forEachLocal(Consumer<JobState> sink) {
        query(store -> {
            try (KeyValueIterator<String, JobState> all = store.all()) {
                all.forEachRemaining(entry -> sink.accept(entry.value));
            }
            return null;
        });
    }

    /**
     * The instance that owns {@code jobId} when it is another one; empty when this instance owns it.
     *
     * @throws JobStateUnavailableException while ownership is not known (starting up, rebalancing)
     */
    public Optional<HostInfo> remoteOwner(String jobId) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(StateTopology.JOB_STATE_STORE, jobId,
                Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw unavailable(null);
        }
        return self.equals(metadata.activeHost()) ? Optional.empty() : Optional.of(metadata.activeHost());
    }

    /** Every other instance that holds part of the store. */
    public List<HostInfo> otherInstances() {
        List<HostInfo> others = new ArrayList<>();
        streams.streamsMetadataForStore(StateTopology.JOB_STATE_STORE).forEach(metadata -> {
            if (!self.equals(metadata.hostInfo()) && !others.contains(metadata.hostInfo())) {
                others.add(metadata.hostInfo());
            }
        });
        return others;
    }

    /** Runs a read on the store; a store that migrates away in the middle of it also counts as unavailable. */
    private <T> T query(Function<ReadOnlyKeyValueStore<String, JobState>, T> read) {
        try {
            return read.apply(streams.store(StoreQueryParameters.fromNameAndType(
                    StateTopology.JOB_STATE_STORE, QueryableStoreTypes.keyValueStore())));
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
    }

    private JobStateUnavailableException unavailable(Exception cause) {
        return new JobStateUnavailableException("Job states are not queryable right now (" + streams.state()
                + "); retry shortly", cause);
    }
}
