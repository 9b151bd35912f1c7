package io.reelay.local;

import io.reelay.schemas.Topic;
import io.reelay.schemas.Topics;
import io.reelay.storage.S3Clients;
import io.reelay.storage.S3Settings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The three third-party servers of the local stack, run as real processes from the artefacts the build fetched. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThirdPartyServersTest {

    private static final String ACCESS_KEY = "reelay";
    private static final String SECRET_KEY = "reelay-secret";
    private static final Duration RECORD_DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private final int kafkaPort = FreePorts.next();
    private final int s3Port = FreePorts.next();
    private final int registryPort = FreePorts.next();
    private final int controllerPort = FreePorts.next();
    private ReelayHome home;
    private ManagedProcess kafka;
    private ManagedProcess s3proxy;
    private ManagedProcess registry;

    @BeforeAll
    void startServers() {
        home = ReelayHome.locate();
        CompletableFuture<ManagedProcess> startingKafka = CompletableFuture.supplyAsync(
                () -> KafkaBroker.start(home, dataDir, kafkaPort, controllerPort));
        CompletableFuture<ManagedProcess> startingS3 = CompletableFuture.supplyAsync(
                () -> S3ProxyServer.start(home, dataDir, s3Port, ACCESS_KEY, SECRET_KEY));
        CompletableFuture<ManagedProcess> startingRegistry = CompletableFuture.supplyAsync(
                () -> ApicurioRegistry.start(home, dataDir, registryPort));
        kafka = startingKafka.join();
        s3proxy = startingS3.join();
        registry = startingRegistry.join();
    }

    @AfterAll
    void stopServers() {
        for (ManagedProcess process : new ManagedProcess[] {registry, s3proxy, kafka}) {
            if (process != null) {
                process.close();
            }
        }
    }

    @Test
    @Order(1)
    void kafkaBrokerHoldsEveryContractTopicAndRoundTripsARecordThroughAConsumerGroup() throws Exception {
        String bootstrap = KafkaBroker.bootstrapServers(kafkaPort);
        StackProvisioner.createTopics(bootstrap);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> names = Topics.all().stream().map(Topic::name).toList();
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(Topics.DEFAULT_PARTITIONS));
            assertThat(admin.listTopics().names().get())
                    .contains(Topics.JOB_REQUESTED.deadLetterName(), Topics.UPLOADED.deadLetterName());
        }

        String topic = Topics.REVOKED.name();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "job-1", "hello")).get();
        }
        assertThat(readAll(bootstrap, topic, "local-stack-check")).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo("job-1"))
                .satisfies(r -> assertThat(r.value()).isEqualTo("hello"));
    }

    /** What a new consumer group reads of the topic from its start, once it read anything. */
    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, String group) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            Instant deadline = Instant.now().plus(RECORD_DEADLINE);
            while (received.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
            return received;
        }
    }

    @Test
    @Order(2)
    void s3ProxyCreatesTheBucketsAndServesPresignedGetsToOtherOrigins() throws Exception {
        S3Settings settings = StackProvisioner.s3Settings(S3ProxyServer.endpoint(s3Port), ACCESS_KEY, SECRET_KEY);
        StackProvisioner.createBuckets(settings, StackProvisioner.BUCKETS);
        StackProvisioner.createBuckets(settings, StackProvisioner.BUCKETS);

        try (S3Client s3 = S3Clients.client(settings); S3Presigner presigner = S3Clients.presigner(settings)) {
            assertThat(s3.listBuckets().buckets()).extracting(Bucket::name)
                    .containsExactlyInAnyOrderElementsOf(StackProvisioner.BUCKETS);
            s3.putObject(p -> p.bucket(StackProvisioner.OUTPUTS_BUCKET).key("sample/master.m3u8"),
                    RequestBody.fromString("#EXTM3U\n"));
            URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(StackProvisioner.OUTPUTS_BUCKET).key("sample/master.m3u8")))
                    .url().toURI();

            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(url).header("Origin", "http://player.example").GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("#EXTM3U\n");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
        }
    }

    @Test
    @Order(3)
    void registryRefusesIncompatibleSchemaChangesFromTheStart() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(ApicurioRegistry.ccompatUrl(registryPort) + "/config")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"compatibilityLevel\":\"BACKWARD\"");
    }

    @Test
    @Order(4)
    void stoppingEndsEveryServerProcess() {
        List<ManagedProcess> servers = List.of(registry, s3proxy, kafka);
        servers.forEach(ManagedProcess::stop);

        assertThat(servers).noneMatch(ManagedProcess::isAlive);
        assertThat(servers).allSatisfy(p -> assertThat(ProcessHandle.of(p.pid())).isEmpty());
        assertThat(Health.answers(URI.create("tcp://127.0.0.1:" + kafkaPort))).isFalse();
    }

    @Test
    @Order(5)
    void kafkaBrokerStartsAgainOnItsDataWithItsTopicsAndRecords() throws Exception {
        kafka = KafkaBroker.start(home, dataDir, kafkaPort, controllerPort);

        String bootstrap = KafkaBroker.bootstrapServers(kafkaPort);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.listTopics().names().get()).containsAll(Topics.all().stream().map(Topic::name).toList());
        }
        assertThat(readAll(bootstrap, Topics.REVOKED.name(), "local-stack-check-after-restart"))
                .singleElement().satisfies(r -> assertThat(r.value()).isEqualTo("hello"));
    }
}
