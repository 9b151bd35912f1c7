package io.reelay.schemas;

import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.Map;

/**
 * Creates the contract's topics on a real cluster before the services start (a container or Kubernetes job runs it
 * with any service image). Settings come from the environment: KAFKA_BOOTSTRAP_SERVERS, TOPIC_PARTITIONS (default
 * {@value Topics#DEFAULT_PARTITIONS}) and TOPIC_REPLICATION (default 3).
 */
public final class ProvisionTopics {

    private ProvisionTopics() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        int partitions = Integer.parseInt(env("TOPIC_PARTITIONS", Integer.toString(Topics.DEFAULT_PARTITIONS)));
        short replication = Short.parseShort(env("TOPIC_REPLICATION", "3"));
        TopicProvisioner.createMissing(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                partitions, replication);
        System.out.printf("Topics ready on %s (%d partitions, replication %d)%n", bootstrap, partitions, replication);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
