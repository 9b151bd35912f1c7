package io.reelay.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchOptionsTest {

    @Test
    void withoutArgumentsTheDefaultPortsAndAGeneratedSampleAreUsed() {
        LaunchOptions options = LaunchOptions.parse(List.of());

        assertThat(options.runSample()).isTrue();
        assertThat(options.video()).isEmpty();
        assertThat(options.dataDir()).isEmpty();
        assertThat(options.apiKey()).as("a fresh key is generated on start").isEmpty();
        assertThat(options.ports().byFlag()).containsExactly(
                Map.entry("kafka-port", 9092), Map.entry("kafka-controller-port", 9093),
                Map.entry("registry-port", 8180), Map.entry("s3-port", 9000),
                Map.entry("ingest-port", 8081), Map.entry("probe-port", 8082),
                Map.entry("encode-port", 8083), Map.entry("upload-port", 8084),
                Map.entry("state-port", 8085));
    }

    @Test
    void aVideoFlagsAndPortsAreReadInEitherSpelling() {
        LaunchOptions options = LaunchOptions.parse(List.of("--data-dir", "/tmp/stack", "--kafka-port=19092",
                "--state-port", "18085", "clips/talk.mov"));

        assertThat(options.dataDir()).contains(Path.of("/tmp/stack"));
        assertThat(options.video()).contains(Path.of("clips/talk.mov"));
        assertThat(options.ports().kafka()).isEqualTo(19092);
        assertThat(options.ports().servicePort("state-service")).isEqualTo(18085);
        assertThat(options.ports().servicePort("ingest-service")).isEqualTo(8081);
    }

    @Test
    void anApiKeyCanBeGivenInsteadOfAFreshOne() {
        assertThat(LaunchOptions.parse(List.of("--api-key", "my-local-key")).apiKey()).contains("my-local-key");
        assertThat(LaunchOptions.parse(List.of("--api-key=k:with:colons")).apiKey()).contains("k:with:colons");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--api-key")))
                .hasMessageContaining("--api-key needs a value");
    }

    @Test
    void noSampleStartsTheStackOnly() {
        assertThat(LaunchOptions.parse(List.of("--no-sample")).runSample()).isFalse();
    }

    @Test
    void mistakesAreExplainedInsteadOfIgnored() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--kafka-prot=1")))
                .hasMessageContaining("Unknown option --kafka-prot=1");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--s3-port", "nine")))
                .hasMessageContaining("--s3-port must be a number");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--s3-port=70000")))
                .hasMessageContaining("must be a TCP port");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--data-dir")))
                .hasMessageContaining("--data-dir needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("a.mp4", "b.mp4")))
                .hasMessageContaining("Only one video");
    }
}
