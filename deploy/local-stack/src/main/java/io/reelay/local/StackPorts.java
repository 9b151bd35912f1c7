package io.reelay.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The TCP ports of the local stack, all on 127.0.0.1. */
public record StackPorts(int kafka, int kafkaController, int registry, int s3, List<ReelayService.Spec> services) {

    private static final String KAFKA = "kafka-port";
    private static final String KAFKA_CONTROLLER = "kafka-controller-port";
    private static final String REGISTRY = "registry-port";
    private static final String S3 = "s3-port";

    public static StackPorts defaults() {
        return new StackPorts(9092, 9093, 8180, 9000, ReelayService.DEFAULT_SPECS);
    }

    /** Each port under the name of the command-line flag that sets it ({@code kafka-port}, {@code ingest-port} ...). */
    public Map<String, Integer> byFlag() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(KAFKA, kafka);
        ports.put(KAFKA_CONTROLLER, kafkaController);
        ports.put(REGISTRY, registry);
        ports.put(S3, s3);
        services.forEach(spec -> ports.put(flagOf(spec.module()), spec.httpPort()));
        return ports;
    }

    /** A copy with the port named by {@code flag} (see {@link #byFlag()}) changed. */
    public StackPorts with(String flag, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--" + flag + " must be a TCP port, not " + port);
        }
        return switch (flag) {
            case KAFKA -> new StackPorts(port, kafkaController, registry, s3, services);
            case KAFKA_CONTROLLER -> new StackPorts(kafka, port, registry, s3, services);
            case REGISTRY -> new StackPorts(kafka, kafkaController, port, s3, services);
            case S3 -> new StackPorts(kafka, kafkaController, registry, port, services);
            default -> new StackPorts(kafka, kafkaController, registry, s3, withServicePort(flag, port));
        };
    }

    public int servicePort(String module) {
        return services.stream().filter(s -> s.module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + module)).httpPort();
    }

    private List<ReelayService.Spec> withServicePort(String flag, int port) {
        List<ReelayService.Spec> changed = new ArrayList<>();
        boolean found = false;
        for (ReelayService.Spec spec : services) {
            boolean match = flagOf(spec.module()).equals(flag);
            found |= match;
            changed.add(match ? new ReelayService.Spec(spec.module(), port) : spec);
        }
        if (!found) {
            throw new IllegalArgumentException("Unknown option --" + flag);
        }
        return List.copyOf(changed);
    }

    /** ingest-service is set with --ingest-port. */
    private static String flagOf(String module) {
        return module.replace("-service", "") + "-port";
    }
}
