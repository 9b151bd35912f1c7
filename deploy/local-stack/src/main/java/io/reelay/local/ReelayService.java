package io.reelay.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runs Reelay's services as separate JVMs, each from its module's jar, and waits for their health endpoints. */
public final class ReelayService {

    /** One service to run: its module and the HTTP port it listens on. */
    public record Spec(String module, int httpPort) {
    }

    /** Every service with its default port, in pipeline order. */
    public static final List<Spec> DEFAULT_SPECS = List.of(
            new Spec("ingest-service", 8081),
            new Spec("probe-service", 8082),
            new Spec("encode-service", 8083),
            new Spec("upload-service", 8084),
            new Spec("state-service", 8085));

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(3);
    private static final String MAX_HEAP = "-Xmx512m";

    private ReelayService() {
    }

    /**
     * Starts one service from the repository found by {@link ReelayHome#locate()}; returns once {@code /health}
     * answers 200. Its output goes to {@code <logDir>/<module>.log}.
     *
     * @param env variables for the service (see {@link ServiceEnvironment}); {@code HTTP_PORT} is added
     */
    public static ManagedProcess start(String module, int httpPort, Map<String, String> env, Path logDir) {
        return start(ReelayHome.locate(), new Spec(module, httpPort), env, logDir, DEFAULT_READY_TIMEOUT);
    }

    public static ManagedProcess start(ReelayHome home, Spec spec, Map<String, String> env, Path logDir,
                                       Duration timeout) {
        Map<String, String> serviceEnv = new HashMap<>(env);
        serviceEnv.put("HTTP_PORT", Integer.toString(spec.httpPort()));
        ManagedProcess service = ManagedProcess.start(spec.module(),
                Jvm.command(List.of(MAX_HEAP, "-jar", home.serviceJar(spec.module()).toString())),
                serviceEnv, home.root(), logDir.resolve(spec.module() + ".log"));
        return service.awaitReady(healthUrl(spec.httpPort()), timeout);
    }

    /** As {@link #startAll(ReelayHome, List, Map, Path, Duration)} from the repository {@link ReelayHome#locate()} finds. */
    public static Map<String, ManagedProcess> startAll(List<Spec> specs, Map<String, String> env, Path logDir,
                                                       Duration timeout) {
        return startAll(ReelayHome.locate(), specs, env, logDir, timeout);
    }

    /**
     * Starts the services side by side with one environment and waits until all are healthy. If any fails to
     * come up, the others are stopped too.
     *
     * @return module name to running service, in the order of {@code specs}
     */
    public static Map<String, ManagedProcess> startAll(ReelayHome home, List<Spec> specs, Map<String, String> env,
                                                       Path logDir, Duration timeout) {
        ExecutorService starters = Executors.newFixedThreadPool(specs.size());
        List<CompletableFuture<ManagedProcess>> starting = new ArrayList<>();
        try {
            for (Spec spec : specs) {
                starting.add(CompletableFuture.supplyAsync(() -> start(home, spec, env, logDir, timeout), starters));
            }
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            starting.stream().filter(f -> !f.isCompletedExceptionally()).map(CompletableFuture::join)
                    .forEach(ManagedProcess::close);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            starters.shutdown();
        }
        Map<String, ManagedProcess> running = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            running.put(specs.get(i).module(), starting.get(i).join());
        }
        return running;
    }

    public static URI healthUrl(int httpPort) {
        return URI.create("http://127.0.0.1:" + httpPort + "/health");
    }
}
