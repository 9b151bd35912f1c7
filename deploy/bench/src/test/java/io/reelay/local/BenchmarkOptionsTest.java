package io.reelay.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkOptionsTest {

    @Test
    void withoutArgumentsThreeSizesGoToTheDocsFolder() {
        BenchmarkOptions options = BenchmarkOptions.parse(List.of());

        assertThat(options.sizes()).containsExactly(10, 60, 300);
        assertThat(options.out()).isEqualTo(Path.of("docs/benchmarks.md"));
        assertThat(options.chart()).isEqualTo(Path.of("docs/benchmarks.png"));
        assertThat(options.stateEvents()).isEqualTo(50_000);
        assertThat(options.help()).isFalse();
    }

    @Test
    void optionsAreReadInEitherSpelling() {
        BenchmarkOptions options = BenchmarkOptions.parse(List.of("--sizes", "10, 20", "--out=target/bench.md",
                "--state-events", "700"));

        assertThat(options.sizes()).containsExactly(10, 20);
        assertThat(options.out()).isEqualTo(Path.of("target/bench.md"));
        assertThat(options.chart()).isEqualTo(Path.of("target/bench.png"));
        assertThat(options.stateEvents()).isEqualTo(700);
    }

    @Test
    void helpIsRecognisedAmongOtherOptions() {
        assertThat(BenchmarkOptions.parse(List.of("--sizes", "10", "-h")).help()).isTrue();
    }

    @Test
    void nonsenseIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--sizes", "10,ten")))
                .hasMessageContaining("--sizes").hasMessageContaining("ten");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--sizes", "0")))
                .hasMessageContaining("--sizes");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--out", "report.html")))
                .hasMessageContaining(".md");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--state-events")))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchmarkOptions.parse(List.of("--seconds", "60")))
                .hasMessageContaining("Unknown option --seconds");
    }
}
