package io.reelay.local.faults;

import io.reelay.local.FreePorts;
import io.reelay.local.KafkaBroker;
import io.reelay.local.LocalStack;
import io.reelay.local.ManagedProcess;
import io.reelay.local.ReelayClient;
import io.reelay.local.ReelayHome;
import io.reelay.local.ReelayService;
import io.reelay.local.S3ProxyServer;
import io.reelay.local.StackDirectory;
import io.reelay.local.StackPorts;
import io.reelay.storage.S3Clients;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The local stack the first README command starts ({@link LocalStack}: a Kafka broker, Apicurio Registry and S3Proxy
 * as processes, then the five services), on free ports, with the means to break it: any of its processes can be
 * killed (SIGKILL, with whatever it started, as if its machine had died) or stopped, and started again on the same
 * ports and data; a service can get a second instance in the same consumer groups.
 *
 * <p>Two settings differ from the README stack. Consumers' session timeout is 10 s instead of Kafka's 45 s: a killed
 * instance's partitions move after the session expires, and every scenario would otherwise wait out 45 s for each
 * kill; it changes when work moves, not whether. Webhooks may go to 127.0.0.1, where the tests' receiver listens.
 */
final class FaultStack implements ExtensionContext.Store.CloseableResource {

    static final String INGEST = "ingest-service";
    static final String PROBE = "probe-service";
    static final String ENCODE = "encode-service";
    static final String UPLOAD = "upload-service";
    static final String STATE = "state-service";
    static final List<String> SERVICES = List.of(INGEST, PROBE, ENCODE, UPLOAD, STATE);

    /** Applies to every Kafka consumer of every service (micronaut-kafka reads {@code kafka.*} for all clients). */
    private static final Map<String, String> SERVICE_TUNING = Map.of(
            "KAFKA_SESSION_TIMEOUT_MS", "10000",
            "WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");

    private final ReelayHome home = ReelayHome.locate();
    private final StackDirectory data;
    private final StackPorts ports;
    private final LocalStack stack;
    /** The process running now under each name: the one the stack started, or the one started after it. */
    private final Map<String, ManagedProcess> current = new ConcurrentHashMap<>();
    private final List<ManagedProcess> startedHere = new CopyOnWriteArrayList<>();
    final ReelayClient client;
    final S3Client s3;

    FaultStack() throws InterruptedException {
        data = new StackDirectory(Path.of("target", "fault-stack").toAbsolutePath()).clear();
        ports = freePorts();
        stack = new LocalStack(home, data, ports, LocalStack.newApiKey(), SERVICE_TUNING, process -> { });
        try {
            stack.start();
        } catch (RuntimeException | InterruptedException e) {
            stack.close();
            throw e;
        }
        stack.processes().forEach(process -> current.put(process.name(), process));
        client = new ReelayClient(serviceUrl(INGEST), serviceUrl(STATE), stack.apiKey());
        s3 = S3Clients.client(stack.s3Settings());
    }

    private static StackPorts freePorts() {
        StackPorts ports = StackPorts.defaults();
        for (String flag : ports.byFlag().keySet()) {
            ports = ports.with(flag, FreePorts.next());
        }
        return ports;
    }

    /** The process running now under {@code name}: a service's module name, {@code kafka} or {@code s3proxy}. */
    ManagedProcess process(String name) {
        ManagedProcess process = current.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no process " + name + " in " + current.keySet());
        }
        return process;
    }

    /** SIGKILL to the process and to whatever it started; returns once it is gone. */
    void kill(String name) {
        process(name).kill();
    }

    /** SIGTERM, then SIGKILL after a grace period: a clean stop. */
    void stop(String name) {
        process(name).stop();
    }

    /** Starts a killed or stopped process again on its own ports and data; returns once it answers. */
    ManagedProcess startAgain(String name) {
        if (process(name).isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        ManagedProcess started = switch (name) {
            case KafkaBroker.NAME -> KafkaBroker.start(home, data.root(), ports.kafka(), ports.kafkaController());
            case S3ProxyServer.NAME -> S3ProxyServer.start(home, data.root(), ports.s3(), LocalStack.ACCESS_KEY,
                    LocalStack.SECRET_KEY);
            default -> startService(name, ports.servicePort(name), data.logs());
        };
        return track(name, started);
    }

    /**
     * Another instance of a service module with the same configuration (so the same consumer groups and scratch
     * dir), its own HTTP port, and its log in {@code logs/<name>/}; afterwards known as {@code name}.
     */
    ManagedProcess startAnother(String module, String name) {
        return track(name, startService(module, FreePorts.next(), data.component("logs/" + name)));
    }

    private ManagedProcess startService(String module, int port, Path logDir) {
        return ReelayService.start(home, new ReelayService.Spec(module, port), stack.serviceVariables(), logDir,
                ReelayService.DEFAULT_READY_TIMEOUT);
    }

    private ManagedProcess track(String name, ManagedProcess process) {
        startedHere.add(process);
        current.put(name, process);
        return process;
    }

    /** Where encode instances write ffmpeg's output before staging it. */
    Path scratchDir() {
        return stack.serviceEnvironment().scratchDir();
    }

    /** Where tests keep the source files they upload; cleared with the rest of the stack's data on every run. */
    Path sourcesDir() {
        return data.component("sources");
    }

    /** Where state instances keep their Kafka Streams stores. */
    Path stateDir() {
        return stack.serviceEnvironment().stateDir();
    }

    String stagingBucket() {
        return stack.serviceEnvironment().stagingBucket();
    }

    String kafkaBootstrapServers() {
        return stack.kafkaBootstrapServers();
    }

    /** The most resident memory the process has used since it started (VmHWM), in bytes. */
    long peakRssBytes(String name) {
        Path status = Path.of("/proc", Long.toString(process(name).pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + status, e);
        }
        throw new IllegalStateException("no VmHWM in " + status);
    }

    private URI serviceUrl(String module) {
        return URI.create("http://127.0.0.1:" + ports.servicePort(module));
    }

    /**
     * Services started here stop first, as they use the servers; then the stack's own processes (services before
     * servers); then servers started here.
     */
    @Override
    public void close() {
        s3.close();
        List<ManagedProcess> servers = new ArrayList<>();
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (ManagedProcess process : startedHere) {
            if (process.name().equals(KafkaBroker.NAME) || process.name().equals(S3ProxyServer.NAME)) {
                servers.add(process);
            } else {
                stopping.add(CompletableFuture.runAsync(process::close));
            }
        }
        CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
        stack.close();
        servers.forEach(ManagedProcess::close);
    }
}
