package io.reelay.local;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.reelay.events.JobRequested;
import io.reelay.schemas.Topic;
import io.reelay.schemas.Topics;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Load on the stack's own state service, in its own JVM with its production configuration (Apicurio serde,
 * exactly-once). The events the benchmark's jobs really produced (request, probe, every encoded file, uploads) are
 * read back from Kafka and published again in the order they happened, each round under new job ids, until
 * {@code events} are on the topics; the state service folds that backlog. The workers must be stopped first, or
 * they would act on the copies. Then {@link JobQueries} asks for random copies. Copies carry no webhook: the fold is
 * measured, not deliveries.
 */
final class StateLoad {

    /** The pipeline's facts, the topics state folds a job from. */
    private static final List<Topic<?>> FACTS =
            List.of(Topics.JOB_REQUESTED, Topics.PROBED, Topics.SEGMENT_ENCODED, Topics.UPLOADED);
    /** The state service's Kafka Streams application id, its consumer group: its default, kept by the local stack. */
    private static final String STATE_APPLICATION_ID = "reelay-state";
    private static final Duration READ_DEADLINE = Duration.ofMinutes(2);
    private static final Duration FOLD_DEADLINE = Duration.ofMinutes(30);
    /** Within the broker's default limit on transactions (transaction.max.timeout.ms, 15 minutes). */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofMinutes(10);
    private static final long POLL_MILLIS = 50;

    /**
     * @param publishSeconds from the first copy sent until the transaction holding them all was committed
     * @param foldSeconds from that commit until the state service had committed its progress past every copy
     */
    record Result(int jobs, long events, double publishSeconds, double foldSeconds, JobQueries.Result queries) {

        double eventsPerSecond() {
            return events / foldSeconds;
        }
    }

    /** What was published: the copied jobs, and the offset just past the last copy in each partition. */
    private record Backlog(List<String> jobs, long events, Map<TopicPartition, Long> ends) {
    }

    private final Map<String, Object> serdeConfig;
    private final String bootstrapServers;
    private final JobQueries queries;
    private final PrintStream out;

    StateLoad(String bootstrapServers, String registryUrl, JobQueries queries, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.queries = queries;
        this.out = out;
        // the services' own serde settings (application.yml): Confluent wire format, specific Avro classes
        this.serdeConfig = Map.of("apicurio.registry.url", registryUrl,
                "apicurio.registry.auto-register", true,
                "apicurio.registry.headers.enabled", false,
                "apicurio.registry.use-specific-avro-reader", true);
    }

    Result run(int events) throws InterruptedException, ExecutionException {
        List<ConsumerRecord<String, SpecificRecordBase>> recorded = recordedFacts();
        if (recorded.isEmpty()) {
            throw new IllegalStateException("No events on " + FACTS + " to copy: run a job first");
        }
        int rounds = (events + recorded.size() - 1) / recorded.size();
        out.printf("State load: %,d events of the benchmark's jobs, copied %,d times ...%n", recorded.size(), rounds);
        long started = System.nanoTime();
        Backlog backlog = publish(recorded, rounds);
        long committed = System.nanoTime();
        awaitFolded(backlog.ends());
        double foldSeconds = (System.nanoTime() - committed) / 1e9;
        double publishSeconds = (committed - started) / 1e9;
        out.printf("  folded %,d events in %.1f s (published in %.1f s); now %,d GET /jobs/{id} ...%n",
                backlog.events(), foldSeconds, publishSeconds, JobQueries.REQUESTS);
        return new Result(backlog.jobs().size(), backlog.events(), publishSeconds, foldSeconds,
                queries.measure(backlog.jobs()));
    }

    /** Every fact on the topics so far, in the order they happened (record time; pipeline order on a tie). */
    private List<ConsumerRecord<String, SpecificRecordBase>> recordedFacts() {
        Map<String, Object> config = new HashMap<>(serdeConfig);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // serde instances given to a client are not configured by it
        AvroKafkaDeserializer<SpecificRecordBase> values = new AvroKafkaDeserializer<>();
        values.configure(serdeConfig, false);
        try (KafkaConsumer<String, SpecificRecordBase> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                values)) {
            List<TopicPartition> partitions = FACTS.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic.name()).stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, SpecificRecordBase>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + FACTS + " within " + READ_DEADLINE);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            records.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
            return records;
        }
    }

    /**
     * Publishes the copies in one transaction: the state service reads committed records only (exactly-once), so
     * the whole backlog appears to it at once when this returns, as if it had been down while they were produced.
     */
    private Backlog publish(List<ConsumerRecord<String, SpecificRecordBase>> recorded, int rounds) {
        Map<String, Object> config = new HashMap<>(serdeConfig);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "reelay-bench-state-load");
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) PUBLISH_TIMEOUT.toMillis());
        AvroKafkaSerializer<SpecificRecordBase> values = new AvroKafkaSerializer<>();
        values.configure(serdeConfig, false);
        Set<String> jobs = new LinkedHashSet<>();
        Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
        // Streams merges a task's topics by record time: one millisecond per event, in the order they are sent,
        // keeps every copy's events in the order they happened, as a live stream's times would.
        long time = System.currentTimeMillis() - (long) rounds * recorded.size();
        try (KafkaProducer<String, SpecificRecordBase> producer = new KafkaProducer<>(config, new StringSerializer(),
                values)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int round = 0; round < rounds; round++) {
                for (ConsumerRecord<String, SpecificRecordBase> fact : recorded) {
                    String jobId = fact.key() + "-" + round;
                    jobs.add(jobId);
                    producer.send(new ProducerRecord<>(fact.topic(), null, time++, jobId, copy(fact.value(), jobId)),
                            (sent, failed) -> {
                                if (sent != null) {
                                    ends.merge(new TopicPartition(sent.topic(), sent.partition()), sent.offset() + 1,
                                            Math::max);
                                }
                            });
                }
            }
            // throws if any send failed: the transaction is then aborted and nothing was published
            producer.commitTransaction();
        }
        return new Backlog(List.copyOf(jobs), (long) rounds * recorded.size(), Map.copyOf(ends));
    }

    /**
     * Waits until the state service's Streams application has committed its progress past every copy: with
     * exactly-once, offsets are committed together with the folded states, so then every copy is folded.
     */
    private void awaitFolded(Map<TopicPartition, Long> ends) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + FOLD_DEADLINE.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets(STATE_APPLICATION_ID).partitionsToOffsetAndMetadata().get();
                if (ends.entrySet().stream().allMatch(end -> committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() >= end.getValue())) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The state service has not folded the copies after "
                            + FOLD_DEADLINE.toMinutes() + " minutes; see its log");
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    private static SpecificRecordBase copy(SpecificRecordBase event, String jobId) {
        SpecificRecordBase copy = SpecificData.get().deepCopy(event.getSchema(), event);
        copy.put("jobId", jobId);
        if (copy instanceof JobRequested request) {
            request.setWebhookUrl(null);
        }
        return copy;
    }
}
