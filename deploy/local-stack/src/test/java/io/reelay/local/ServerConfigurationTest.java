package io.reelay.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerConfigurationTest {

    @Test
    void kafkaRunsAsItsOwnControllerOnLoopbackWithSingleReplicaInternalTopics() {
        String properties = ConfigFiles.render(KafkaBroker.serverProperties(Path.of("/data/kafka/data"), 9092, 9093));

        assertThat(properties.lines()).contains(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:9093",
                "listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093",
                "advertised.listeners=PLAINTEXT://127.0.0.1:9092",
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=/data/kafka/data",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1");
    }

    @Test
    void kafkaCreatesNoTopicByAccidentAndFormsGroupsAtOnce() {
        String properties = ConfigFiles.render(KafkaBroker.serverProperties(Path.of("/k"), 19092, 19093));

        assertThat(properties.lines()).contains(
                "num.partitions=6",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false");
    }

    @Test
    void s3ProxyChecksSignaturesServesFilesAndAllowsBrowsersFromOtherOrigins() {
        String config = ConfigFiles.render(S3ProxyServer.configuration(Path.of("/data/s3/blobs"), 9000, "key", "secret"));

        assertThat(config.lines()).containsExactly(
                "s3proxy.endpoint=http://127.0.0.1:9000",
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=key",
                "s3proxy.credential=secret",
                "s3proxy.ignore-unknown-headers=true",
                "s3proxy.cors-allow-all=true",
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=/data/s3/blobs");
    }

    @Test
    void servicesAreToldWhereEverythingIsThroughTheVariablesTheirConfigurationReads() {
        ServiceEnvironment env = new ServiceEnvironment("127.0.0.1:9092", "http://127.0.0.1:8180/apis/registry/v3",
                "http://127.0.0.1:9000", "reelay", "reelay-secret", "reelay-work", Path.of("/d/scratch"),
                Path.of("/d/state"), "local:k1", "http://127.0.0.1:8085");

        assertThat(env.variables()).containsExactly(
                entry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                entry("REGISTRY_URL", "http://127.0.0.1:8180/apis/registry/v3"),
                entry("S3_ENDPOINT", "http://127.0.0.1:9000"),
                entry("S3_ACCESS_KEY", "reelay"),
                entry("S3_SECRET_KEY", "reelay-secret"),
                entry("STAGING_BUCKET", "reelay-work"),
                entry("SOURCE_BUCKET", "reelay-sources"),
                entry("UPLOAD_OBJECT_ACL", "public-read"),
                entry("SCRATCH_DIR", "/d/scratch"),
                entry("STATE_DIR", "/d/state"),
                entry("API_KEYS", "local:k1"),
                entry("STATE_URL", "http://127.0.0.1:8085"));
    }

    private static Map.Entry<String, String> entry(String key, String value) {
        return Map.entry(key, value);
    }
}
