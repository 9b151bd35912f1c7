package io.reelay.state.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import io.reelay.events.JobRequested;
import io.reelay.schemas.Topic;
import io.reelay.schemas.Topics;
import io.reelay.state.InProcessKafka;
import io.reelay.state.TestApiKey;
import io.reelay.testing.SelfDescribingAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static io.reelay.state.JobEvents.at;
import static io.reelay.state.JobEvents.masterPlaylist;
import static io.reelay.state.JobEvents.probed;
import static io.reelay.state.JobEvents.requested;
import static io.reelay.state.JobEvents.segment;
import static io.reelay.state.JobEvents.uploaded;

/**
 * Benchmark of the state service, not a test: a real broker in this JVM, synthetic events of {@value #JOBS} jobs
 * (request, probe, {@value #SEGMENTS} segments, master playlist, upload: every job ends COMPLETE) produced first,
 * then one state-service instance folds the backlog exactly once; then {@value #CLIENTS} concurrent clients GET
 * random jobs. Prints events folded per second and the GET latency percentiles.
 * Run with {@code cd state-service && mvn -B -q -Pbench verify -DskipTests}.
 */
public final class StateBenchmark {

    private static final int JOBS = Integer.getInteger("bench.jobs", 10_000);
    private static final int SEGMENTS = 3;
    private static final int EVENTS_PER_JOB = SEGMENTS + 4;
    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 40_000);
    private static final Duration DEADLINE = Duration.ofMinutes(10);

    private StateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (InProcessKafka kafka = InProcessKafka.start()) {
            long produced = produceBacklog(kafka.bootstrapServers());
            System.out.printf("produced %,d events of %,d jobs in %.1f s%n", (long) JOBS * EVENTS_PER_JOB, JOBS,
                    produced / 1e9);
            Path stateDir = Files.createTempDirectory("reelay-state-bench");
            Map<String, Object> properties = new HashMap<>(kafka.serviceProperties());
            properties.put("reelay.streams.state-dir", stateDir.toString());
            properties.put("micronaut.server.port", InProcessKafka.freePort());
            // the test environment: application-test.yml holds the API key the requests send
            try (ApplicationContext service = ApplicationContext.run(properties, Environment.TEST)) {
                EmbeddedServer server = service.getBean(EmbeddedServer.class);
                server.start();
                foldBacklog(service.getBean(KafkaStreams.class), server.getURL().toString());
                measureGets(server.getURL().toString());
            }
        }
        System.exit(0); // Kafka and Netty leave non-daemon threads behind
    }

    private static String jobId(int i) {
        return "bench-%05d".formatted(i);
    }

    private static long produceBacklog(String bootstrapServers) throws Exception {
        long start = System.nanoTime();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new StringSerializer(),
                new SelfDescribingAvroSerde.Writer())) {
            for (int i = 0; i < JOBS; i++) {
                String jobId = jobId(i);
                send(producer, Topics.JOB_REQUESTED, jobId, 0, requested(jobId, null, "hls"));
                send(producer, Topics.PROBED, jobId, 1, probed(jobId, 1, "hls"));
                for (int s = 0; s < SEGMENTS; s++) {
                    send(producer, Topics.SEGMENT_ENCODED, jobId, 2 + s, segment(jobId, "hls", 1, s, s * 2.0, 2 + s));
                }
                send(producer, Topics.SEGMENT_ENCODED, jobId, 5, masterPlaylist(jobId, "hls", 1, SEGMENTS, 5));
                send(producer, Topics.UPLOADED, jobId, 6, uploaded(jobId, "hls", 1, 6));
            }
            producer.flush();
        }
        return System.nanoTime() - start;
    }

    /**
     * Sends with the event's own time as the record timestamp, as the services' events have distinct times: Streams
     * merges the topics of a task in timestamp order, so events of one job produced within the same millisecond
     * could otherwise be folded out of order.
     */
    private static void send(KafkaProducer<String, SpecificRecord> producer, Topic<?> topic, String jobId,
                             int second, SpecificRecord event) {
        producer.send(new ProducerRecord<>(topic.name(), null, at(second).toEpochMilli(), jobId, event));
    }

    /** Waits until the last job of every partition is COMPLETE: per-partition order means all before it are. */
    private static void foldBacklog(KafkaStreams streams, String baseUrl) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(10); // a benchmark, not a test: a coarse poll is fine
        }
        long start = System.nanoTime();
        String[] lastOfPartition = new String[InProcessKafka.PARTITIONS];
        for (int i = 0; i < JOBS; i++) {
            byte[] key = jobId(i).getBytes(StandardCharsets.UTF_8);
            lastOfPartition[Utils.toPositive(Utils.murmur2(key)) % InProcessKafka.PARTITIONS] = jobId(i);
        }
        HttpClient http = HttpClient.newHttpClient();
        List<String> pending = new ArrayList<>(Arrays.stream(lastOfPartition).filter(id -> id != null).toList());
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            String jobId = pending.get(0);
            HttpResponse<String> response = http.send(TestApiKey.request(URI.create(baseUrl + "/jobs/" + jobId))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"status\":\"COMPLETE\"")) {
                pending.remove(0);
            } else {
                Thread.sleep(50);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long events = (long) JOBS * EVENTS_PER_JOB;
        System.out.printf("folded %,d events of %,d jobs in %.1f s: %,.0f events/s (exactly_once_v2, %d partitions)%n",
                events, JOBS, seconds, events / seconds, InProcessKafka.PARTITIONS);
    }

    private static void measureGets(String baseUrl) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        int perClient = REQUESTS / CLIENTS;
        long start = System.nanoTime();
        List<Future<long[]>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            results.add(clients.submit(() -> {
                long[] latencies = new long[perClient];
                for (int r = 0; r < perClient; r++) {
                    URI uri = URI.create(baseUrl + "/jobs/" + jobId(ThreadLocalRandom.current().nextInt(JOBS)));
                    long sent = System.nanoTime();
                    HttpResponse<String> response = http.send(TestApiKey.request(uri).build(),
                            HttpResponse.BodyHandlers.ofString());
                    latencies[r] = System.nanoTime() - sent;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(uri + " answered " + response.statusCode());
                    }
                }
                return latencies;
            }));
        }
        long[] all = new long[perClient * CLIENTS];
        for (int c = 0; c < CLIENTS; c++) {
            System.arraycopy(results.get(c).get(), 0, all, c * perClient, perClient);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        Arrays.sort(all);
        System.out.printf("GET /jobs/{id}: %,d requests from %d concurrent clients in %.1f s (%,.0f/s): "
                        + "p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", all.length, CLIENTS, seconds, all.length / seconds,
                percentile(all, 0.50), percentile(all, 0.99), all[all.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] / 1e6;
    }
}
