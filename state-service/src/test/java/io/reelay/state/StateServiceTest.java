package io.reelay.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.schemas.Topic;
import io.reelay.schemas.TopicProvisioner;
import io.reelay.schemas.Topics;
import jakarta.inject.Inject;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.reelay.state.JobEvents.masterPlaylist;
import static io.reelay.state.JobEvents.playlistUrl;
import static io.reelay.state.JobEvents.probed;
import static io.reelay.state.JobEvents.requested;
import static io.reelay.state.JobEvents.segment;
import static io.reelay.state.JobEvents.uploaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The state service as it runs: a real KRaft broker in-process, the Streams topology started by Micronaut, the
 * HTTP query and the webhook dispatcher. Only the registry is replaced, by a serde that needs none.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateServiceTest implements TestPropertyProvider {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One webhook POST as the receiver got it. */
    record Webhook(String deliveryId, String contentType, JsonNode body) {
    }

    private final BlockingQueue<Webhook> webhooks = new LinkedBlockingQueue<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private KafkaClusterTestKit kafka;
    private HttpServer receiver;
    private Path stateDir;

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.IBP_3_9_IV0)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            TopicProvisioner.createMissing(Map.of("bootstrap.servers", kafka.bootstrapServers()), 2, (short) 1);
            receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            receiver.createContext("/hooks", exchange -> {
                webhooks.add(new Webhook(exchange.getRequestHeaders().getFirst("Reelay-Delivery-Id"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        JSON.readTree(exchange.getRequestBody())));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            stateDir = Files.createTempDirectory("reelay-state-test");
        } catch (Exception e) {
            throw new IllegalStateException("Test infrastructure did not start", e);
        }
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "reelay.streams.value-serde", SelfDescribingAvroSerde.class.getName(),
                "kafka.consumers.default.value.deserializer", SelfDescribingAvroSerde.Reader.class.getName(),
                "reelay.streams.state-dir", stateDir.toString(),
                "reelay.webhooks.backoff", "50ms",
                "micronaut.server.port", "-1");
    }

    @AfterAll
    void stopInfrastructure() throws Exception {
        // The service goes first, so that its Streams and consumers do not outlive the broker.
        context.close();
        receiver.stop(0);
        kafka.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    }

    private KafkaProducer<String, SpecificRecord> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new SelfDescribingAvroSerde.Writer());
    }

    private void publish(KafkaProducer<String, SpecificRecord> producer, Topic<?> topic, String jobId,
                         SpecificRecord event) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), jobId, event)).get();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Reads job-status until the job shows {@code status}; the topology commits it only after the store has it. */
    private void awaitStatus(String jobId, JobStatus status) {
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new SelfDescribingAvroSerde.Reader())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_STATUS.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(jobId) && ((JobState) record.value()).getStatus() == status) {
                        return;
                    }
                }
            }
        }
        fail("Job %s did not become %s within %s", jobId, status, DEADLINE);
    }

    private JsonNode job(String jobId) throws Exception {
        HttpResponse<String> response = get("/jobs/" + jobId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void foldsAJobFromItsEventsServesItAndAnnouncesItsCompletion() throws Exception {
        try (KafkaProducer<String, SpecificRecord> producer = producer()) {
            publish(producer, Topics.JOB_REQUESTED, "j1", requested("j1", hookUrl(), "hls"));
            awaitStatus("j1", JobStatus.QUEUED);

            publish(producer, Topics.PROBED, "j1", probed("j1", 1, "hls"));
            publish(producer, Topics.SEGMENT_ENCODED, "j1", segment("j1", "hls", 1, 0, 0.0, 2));
            publish(producer, Topics.SEGMENT_ENCODED, "j1", masterPlaylist("j1", "hls", 1, 1, 3));
            publish(producer, Topics.UPLOADED, "j1", uploaded("j1", "hls", 1, 4));
        }

        awaitStatus("j1", JobStatus.COMPLETE);

        JsonNode job = job("j1");
        assertThat(job.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(job.get("referenceId").asText()).isEqualTo("ref-j1");
        assertThat(job.at("/media/durationSeconds").asDouble()).isEqualTo(4.0);
        assertThat(job.get("createdAt").asText()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(job.get("updatedAt").asText()).isEqualTo("2025-01-01T10:00:04Z");
        JsonNode output = job.at("/outputs/0");
        assertThat(output.get("status").asText()).isEqualTo("READY");
        assertThat(output.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(output.get("playlistUrl").asText()).isEqualTo(playlistUrl("hls"));
        assertThat(output.get("renditions")).hasSize(2);
        assertThat(output.at("/usage/cpuSeconds").asDouble()).isEqualTo(3.5);

        Webhook webhook = webhooks.poll(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(webhook).as("webhook POST").isNotNull();
        assertThat(webhook.deliveryId()).isEqualTo("j1:job:COMPLETE");
        assertThat(webhook.contentType()).isEqualTo("application/json");
        assertThat(webhook.body().get("event").asText()).isEqualTo("job.completed");
        assertThat(webhook.body().at("/outputs/0/playlistUrl").asText()).isEqualTo(playlistUrl("hls"));
        assertThat(webhooks).isEmpty();
    }

    @Test
    void servesAQueuedJobAndAnswersNotFoundForAnUnknownOne() throws Exception {
        try (KafkaProducer<String, SpecificRecord> producer = producer()) {
            publish(producer, Topics.JOB_REQUESTED, "j2", requested("j2", null, "hls", "dash"));
        }
        awaitStatus("j2", JobStatus.QUEUED);

        JsonNode job = job("j2");
        assertThat(job.get("status").asText()).isEqualTo("QUEUED");
        assertThat(job.get("outputs")).extracting(output -> output.get("status").asText())
                .containsExactly("QUEUED", "QUEUED");

        HttpResponse<String> unknown = get("/jobs/missing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("message").asText()).isEqualTo("No job with id missing");
    }
}
