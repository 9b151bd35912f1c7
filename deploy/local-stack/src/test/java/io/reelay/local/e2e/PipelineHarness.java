package io.reelay.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelay.local.ApicurioRegistry;
import io.reelay.local.LocalStack;
import io.reelay.local.ManagedProcess;
import io.reelay.local.ReelayService;
import io.reelay.local.ServiceEnvironment;
import io.reelay.local.StackProvisioner;
import io.reelay.storage.S3Clients;
import io.reelay.storage.S3Settings;
import kafka.testkit.KafkaClusterTestKit;
import org.junit.jupiter.api.extension.ExtensionContext;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Everything Reelay runs on, for real, on 127.0.0.1: an in-process KRaft broker (Kafka's own test kit), an
 * in-process S3Proxy, an Apicurio Registry process, and the five services as separate processes. Ingest and state
 * accept the API keys of two tenants; requests act for {@link #TENANT_A} unless given another key (or none).
 */
final class PipelineHarness implements ExtensionContext.Store.CloseableResource {

    static final String ACCESS_KEY = "reelay-test";
    static final String SECRET_KEY = "reelay-test-secret";
    static final String SOURCES = StackProvisioner.SOURCES_BUCKET;
    static final String OUTPUTS = StackProvisioner.OUTPUTS_BUCKET;
    static final String WORK = StackProvisioner.STAGING_BUCKET;
    static final String TENANT_A = "tenant-a";
    static final String TENANT_B = "tenant-b";
    /** Fresh on every run, so that finding one in a log means it was logged. */
    static final String KEY_A = LocalStack.newApiKey();
    static final String KEY_B = LocalStack.newApiKey();

    private static final Set<String> FINAL_STATUSES = Set.of("COMPLETE", "FAILED", "REVOKED");

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Path workDir;
    final KafkaClusterTestKit kafka;
    final S3Proxy s3proxy;
    final S3Client s3;
    final S3Settings s3Settings;
    final ManagedProcess registry;
    final String registryBase;
    final Map<String, ManagedProcess> services = new HashMap<>();
    final Map<String, Integer> ports = new HashMap<>();

    PipelineHarness() throws Exception {
        workDir = Files.createTempDirectory("reelay-e2e");
        kafka = startKafka();
        s3proxy = startS3Proxy(workDir.resolve("s3"));
        s3Settings = StackProvisioner.s3Settings(URI.create("http://127.0.0.1:" + s3proxy.getPort()), ACCESS_KEY,
                SECRET_KEY);
        s3 = S3Clients.client(s3Settings);
        StackProvisioner.createBuckets(s3Settings, StackProvisioner.BUCKETS);
        int registryPort = freePort();
        registry = ApicurioRegistry.start(workDir.resolve("registry"), registryPort);
        registryBase = "http://127.0.0.1:" + registryPort;
        StackProvisioner.createTopics(kafka.bootstrapServers());
        startServices();
    }

    private static KafkaClusterTestKit startKafka() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.IBP_3_9_IV0).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster;
    }

    private static S3Proxy startS3Proxy(Path dir) throws Exception {
        Files.createDirectories(dir);
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").overrides(properties)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                // browsers play outputs straight from the bucket, cross-origin (the local stack allows all origins too)
                .corsRules(new CrossOriginResourceSharing(List.of("*"), List.of("GET", "HEAD"), List.of("*"),
                        List.of(), "false"))
                .build();
        proxy.start();
        while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
            Thread.sleep(20);
        }
        return proxy;
    }

    private void startServices() throws Exception {
        List<ReelayService.Spec> specs = new ArrayList<>();
        for (ReelayService.Spec standard : ReelayService.DEFAULT_SPECS) {
            ports.put(standard.module(), freePort());
            specs.add(new ReelayService.Spec(standard.module(), ports.get(standard.module())));
        }
        Map<String, String> env = new ServiceEnvironment(kafka.bootstrapServers(), registryBase + "/apis/registry/v3",
                s3Settings.endpoint().toString(), ACCESS_KEY, SECRET_KEY, WORK, workDir.resolve("scratch"),
                workDir.resolve("state"), TENANT_A + ":" + KEY_A + "," + TENANT_B + ":" + KEY_B,
                url("state-service", "")).variables();
        env.put("WEBHOOK_ALLOWED_HOSTS", "127.0.0.1"); // the tests' webhook receiver listens on loopback
        services.putAll(ReelayService.startAll(specs, env, workDir.resolve("logs"), Duration.ofMinutes(3)));
    }

    String url(String module, String path) {
        return "http://127.0.0.1:" + ports.get(module) + path;
    }

    /** A request to Reelay's API with {@code apiKey}; none when it is null. */
    HttpRequest.Builder request(String url, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        return apiKey == null ? request : request.header("Authorization", "Bearer " + apiKey);
    }

    HttpResponse<String> post(String url, Object body) throws IOException, InterruptedException {
        return post(url, body, KEY_A);
    }

    HttpResponse<String> post(String url, Object body, String apiKey) throws IOException, InterruptedException {
        return http.send(request(url, apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String url) throws IOException, InterruptedException {
        return getJson(url, KEY_A);
    }

    JsonNode getJson(String url, String apiKey) throws IOException, InterruptedException {
        HttpResponse<String> response = get(url, apiKey);
        return response.statusCode() == 200 ? json.readTree(response.body()) : null;
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return get(url, KEY_A);
    }

    HttpResponse<String> get(String url, String apiKey) throws IOException, InterruptedException {
        return http.send(request(url, apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads a local file the way a client does: ask ingest for a presigned URL, then PUT the bytes to it. */
    JsonNode upload(Path file) throws IOException, InterruptedException {
        HttpResponse<String> ticket = post(url("ingest-service", "/uploads"), Map.of("filename", file.getFileName().toString()));
        if (ticket.statusCode() != 201) {
            throw new IllegalStateException("upload ticket refused: " + ticket.statusCode() + " " + ticket.body());
        }
        JsonNode body = json.readTree(ticket.body());
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(body.get("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("presigned PUT failed: " + put.statusCode() + " " + put.body());
        }
        return body.get("source");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until the job is COMPLETE, FAILED or REVOKED and returns its state. */
    JsonNode awaitFinal(String jobId, Duration deadline) throws InterruptedException {
        return Await.until("job " + jobId + " to be final", deadline, () -> {
            try {
                JsonNode state = getJson(url("state-service", "/jobs/" + jobId));
                boolean done = state != null && FINAL_STATUSES.contains(state.get("status").asText());
                return done ? Optional.of(state) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
    }

    static JsonNode output(JsonNode state, String outputId) {
        for (JsonNode output : state.get("outputs")) {
            if (output.get("outputId").asText().equals(outputId)) {
                return output;
            }
        }
        throw new AssertionError("no output " + outputId + " in " + state);
    }

    @Override
    public void close() throws Exception {
        services.values().forEach(ManagedProcess::close);
        registry.close();
        s3.close();
        s3proxy.stop();
        kafka.close();
    }
}
