package io.reelay.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void aNewStackStartsFromAnEmptyDirectoryEvenAfterAnEarlierRun() throws Exception {
        StackDirectory data = new StackDirectory(temp.resolve("stack")).clear();
        Files.writeString(data.component("kafka/data").resolve("meta.properties"), "cluster.id=old");
        Files.writeString(data.logFile("kafka"), "old log");

        new StackDirectory(temp.resolve("stack")).clear();

        try (var left = Files.walk(temp.resolve("stack"))) {
            assertThat(left.map(p -> temp.resolve("stack").relativize(p).toString()))
                    .containsExactlyInAnyOrder("", ".reelay-local-stack");
        }
    }

    @Test
    void aDirectoryWithSomeoneElsesFilesIsNeverCleared() throws Exception {
        Path precious = Files.writeString(temp.resolve("thesis.tex"), "years of work");

        assertThatThrownBy(() -> new StackDirectory(temp).clear())
                .hasMessageContaining("did not create");
        assertThat(precious).hasContent("years of work");
    }

    @Test
    void everyComponentLogsUnderOneDirectory() {
        StackDirectory data = new StackDirectory(temp);

        assertThat(data.logFile("kafka")).isEqualTo(temp.resolve("logs/kafka.log"));
        assertThat(data.logs()).isDirectory();
        assertThat(data.component("s3/blobs")).isDirectory();
    }
}
