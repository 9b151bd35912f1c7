package io.reelay.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Apicurio Registry with in-memory storage, run from the distribution the {@code deploy/apicurio} module unpacks.
 * It serves Apicurio's own API (what Reelay's serde talks to) and the Confluent-compatible one under
 * {@code /apis/ccompat/v7}. Log: {@code <data>/logs/apicurio.log}.
 */
public final class ApicurioRegistry {

    public static final String NAME = "apicurio";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private ApicurioRegistry() {
    }

    /**
     * Starts the registry from the repository found by {@link ReelayHome#locate()}; returns once it is ready and
     * refuses incompatible schema changes.
     */
    public static ManagedProcess start(Path dataDir, int port) {
        return start(ReelayHome.locate(), dataDir, port);
    }

    public static ManagedProcess start(ReelayHome home, Path dataDir, int port) {
        StackDirectory stack = new StackDirectory(dataDir);
        ManagedProcess registry = ManagedProcess.start(NAME, Jvm.command(List.of("-Xmx512m",
                        "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                        "-jar", home.apicurioRunnerJar().toString())),
                Map.of(), stack.component(NAME), stack.logFile(NAME));
        registry.awaitReady(URI.create(baseUrl(port) + "/health/ready"), READY_TIMEOUT);
        try {
            requireBackwardCompatibility(port);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    /** What Reelay's services take as {@code REGISTRY_URL}. */
    public static String registryUrl(int port) {
        return baseUrl(port) + "/apis/registry/v3";
    }

    /** The Confluent Schema Registry compatible API, for Confluent-format clients. */
    public static String ccompatUrl(int port) {
        return baseUrl(port) + "/apis/ccompat/v7";
    }

    /**
     * Apicurio starts with no compatibility rule, unlike Confluent's BACKWARD: without one an incompatible event
     * schema would be registered silently and break consumers of older records.
     */
    private static void requireBackwardCompatibility(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ccompatUrl(port) + "/config"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}"))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Setting the registry's compatibility failed: HTTP "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Setting the registry's compatibility failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while configuring the registry", e);
        }
    }

    private static String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }
}
