package io.reelay.local;

import io.reelay.storage.S3Settings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The whole local stack: Kafka, Apicurio Registry and S3Proxy side by side, then the topics and buckets, then
 * the five services side by side. Closing it stops everything it started, services before the servers they use.
 */
public final class LocalStack implements AutoCloseable {

    public static final String ACCESS_KEY = "reelay";
    public static final String SECRET_KEY = "reelay-secret";
    /** The tenant whose API key the local stack configures. */
    public static final String TENANT = "local";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReelayHome home;
    private final StackDirectory data;
    private final StackPorts ports;
    private final String apiKey;
    private final Map<String, String> extraServiceVariables;
    private final Consumer<ManagedProcess> onReady;
    private final List<ManagedProcess> servers = new CopyOnWriteArrayList<>();
    private final List<ManagedProcess> services = new CopyOnWriteArrayList<>();

    /**
     * @param apiKey the key of tenant {@value #TENANT}, the one ingest and state accept (see {@link #newApiKey()})
     * @param onReady told about each process as it becomes ready, e.g. to print its start-up time
     */
    public LocalStack(ReelayHome home, StackDirectory data, StackPorts ports, String apiKey,
                      Consumer<ManagedProcess> onReady) {
        this(home, data, ports, apiKey, Map.of(), onReady);
    }

    /** @param extraServiceVariables given to every service on top of (and overriding) {@link #serviceEnvironment()} */
    public LocalStack(ReelayHome home, StackDirectory data, StackPorts ports, String apiKey,
                      Map<String, String> extraServiceVariables, Consumer<ManagedProcess> onReady) {
        this.home = home;
        this.data = data;
        this.ports = ports;
        this.apiKey = apiKey;
        this.extraServiceVariables = Map.copyOf(extraServiceVariables);
        this.onReady = onReady;
    }

    /** A fresh API key: 256 random bits, URL-safe. */
    public static String newApiKey() {
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** Starts everything; on failure, whatever did start keeps running until {@link #close()}. */
    public void start() throws InterruptedException {
        requireFreePorts();
        CompletableFuture<Void> kafka = startAsync(
                () -> KafkaBroker.start(home, data.root(), ports.kafka(), ports.kafkaController()));
        CompletableFuture<Void> s3 = startAsync(
                () -> S3ProxyServer.start(home, data.root(), ports.s3(), ACCESS_KEY, SECRET_KEY));
        CompletableFuture<Void> registry = startAsync(() -> ApicurioRegistry.start(home, data.root(), ports.registry()));
        join(CompletableFuture.allOf(kafka, s3, registry));

        StackProvisioner.createTopics(kafkaBootstrapServers());
        StackProvisioner.createBuckets(s3Settings(), StackProvisioner.BUCKETS);

        Map<String, ManagedProcess> started = ReelayService.startAll(home, ports.services(),
                serviceVariables(), data.logs(), ReelayService.DEFAULT_READY_TIMEOUT);
        started.values().forEach(service -> {
            services.add(service);
            onReady.accept(service);
        });
    }

    /** Every process started so far, servers first. */
    public List<ManagedProcess> processes() {
        List<ManagedProcess> all = new ArrayList<>(servers);
        all.addAll(services);
        return all;
    }

    public String kafkaBootstrapServers() {
        return KafkaBroker.bootstrapServers(ports.kafka());
    }

    public S3Settings s3Settings() {
        return StackProvisioner.s3Settings(S3ProxyServer.endpoint(ports.s3()), ACCESS_KEY, SECRET_KEY);
    }

    public ServiceEnvironment serviceEnvironment() {
        return new ServiceEnvironment(kafkaBootstrapServers(), ApicurioRegistry.registryUrl(ports.registry()),
                S3ProxyServer.endpoint(ports.s3()).toString(), ACCESS_KEY, SECRET_KEY,
                StackProvisioner.STAGING_BUCKET, data.component("scratch"), data.component("state"),
                TENANT + ":" + apiKey, "http://127.0.0.1:" + ports.servicePort("state-service"));
    }

    /** The environment every service is started with. */
    public Map<String, String> serviceVariables() {
        Map<String, String> variables = new LinkedHashMap<>(serviceEnvironment().variables());
        variables.putAll(extraServiceVariables);
        return variables;
    }

    public StackPorts ports() {
        return ports;
    }

    public String apiKey() {
        return apiKey;
    }

    /** Stops the services, then the servers; each gets SIGTERM and a grace period before SIGKILL. */
    @Override
    public void close() {
        stopAll(services);
        stopAll(servers);
    }

    private void requireFreePorts() {
        ports.byFlag().forEach((flag, port) -> {
            try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                // free: nothing listens there
            } catch (IOException e) {
                throw new IllegalStateException("Port " + port + " is in use: stop whatever holds it, or pass --"
                        + flag + "=<another port>");
            }
        });
    }

    private CompletableFuture<Void> startAsync(Supplier<ManagedProcess> starter) {
        return CompletableFuture.supplyAsync(starter).thenAccept(process -> {
            servers.add(process);
            onReady.accept(process);
        });
    }

    private static void stopAll(List<ManagedProcess> processes) {
        CompletableFuture.allOf(processes.stream()
                .map(p -> CompletableFuture.runAsync(p::close))
                .toArray(CompletableFuture[]::new)).join();
    }

    private static void join(CompletableFuture<Void> all) {
        try {
            all.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
