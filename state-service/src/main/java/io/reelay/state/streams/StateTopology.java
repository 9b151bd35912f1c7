package io.reelay.state.streams;

import io.reelay.events.HeldEvent;
import io.reelay.events.JobState;
import io.reelay.events.Revoked;
import io.reelay.events.WebhookRequested;
import io.reelay.schemas.Topic;
import io.reelay.schemas.Topics;
import io.reelay.state.core.JobNotifications;
import io.reelay.state.core.JobStateChange;
import io.reelay.state.core.JobTimeouts;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The state service's topology: every event of a job is folded into one {@link JobState} kept in the
 * {@value #JOB_STATE_STORE} store; each change is published to the compacted job-status topic, and the
 * notifications it calls for go to the webhook outbox, delivered outside the topology. A job that times out is
 * revoked on the revoked topic, which the topology reads back like any other revoke.
 */
public final class StateTopology {

    /** Name of the key-value store holding the latest state of every job, keyed by job id. */
    public static final String JOB_STATE_STORE = "job-state";

    /** Name of the store of events read before their job's request; see {@link HeldEvents}. */
    public static final String HELD_EVENTS_STORE = "held-events";

    /** Every topic the state is folded from, in pipeline order. */
    static final List<String> EVENT_TOPICS = Stream.of(
                    Topics.JOB_REQUESTED, Topics.PROBED, Topics.SEGMENT_ENCODED, Topics.UPLOADED, Topics.REVOKED,
                    Topics.REVOKE_ACKNOWLEDGED, Topics.WEBHOOK_ATTEMPTS)
            .map(Topic::name)
            .toList();

    private StateTopology() {
    }

    public static Topology build(StateTopologyConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        define(builder, config);
        return builder.build();
    }

    /** Adds the topology to {@code builder} and returns the stream of state changes. */
    public static KStream<String, JobStateChange> define(StreamsBuilder builder, StateTopologyConfig config) {
        builder.addStateStore(changelogged(JOB_STATE_STORE, config.<JobState>valueSerde()));
        builder.addStateStore(changelogged(HELD_EVENTS_STORE, config.<HeldEvent>valueSerde()));

        // Every event topic is keyed by job id and co-partitioned, so one source feeds the store without a
        // repartition; the Avro serde yields each record as its own generated class.
        KStream<String, SpecificRecord> events =
                builder.stream(EVENT_TOPICS, Consumed.with(Serdes.String(), config.<SpecificRecord>valueSerde()));

        KStream<String, JobStateChange> changes = events.process(
                () -> new JobStateProcessor(config.jobRetention(), config.jobTimeout(), config.onChange()),
                JOB_STATE_STORE, HELD_EVENTS_STORE);

        // A job removed after its retention becomes a tombstone, so compaction drops it from job-status too. The
        // job's own webhook secret stays in the store: downstream readers of job-status must not learn it.
        Serde<JobState> jobStatus = config.valueSerde();
        changes.mapValues(change -> change.after() == null ? null
                        : JobState.newBuilder(change.after()).setWebhookSecret(null).build())
                .to(Topics.JOB_STATUS.name(), Produced.with(Serdes.String(), jobStatus));

        // Deciding is pure and happens here; the HTTP delivery runs in the dispatcher, never in a stream thread.
        Serde<WebhookRequested> webhookRequests = config.valueSerde();
        changes.filter((jobId, change) -> change.after() != null)
                .flatMapValues(change -> JobNotifications.decide(change.before(), change.after()))
                .to(Topics.WEBHOOK_REQUESTS.name(), Produced.with(Serdes.String(), webhookRequests));

        // A timed-out job may still be held by a worker: revoking it stops and cleans up wherever it runs.
        Serde<Revoked> revokes = config.valueSerde();
        changes.flatMapValues(JobTimeouts::revokesFor)
                .to(Topics.REVOKED.name(), Produced.with(Serdes.String(), revokes));
        return changes;
    }

    /** Changelogged, so another instance rebuilds the store when it takes over a partition. */
    private static <V> StoreBuilder<KeyValueStore<String, V>> changelogged(String name, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
                .withLoggingEnabled(Map.of());
    }
}
