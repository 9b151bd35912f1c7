package io.reelay.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReelayHomeTest {

    @Test
    void theRepositoryIsFoundAboveTheWorkingDirectoryAtTheParentPomNotAModulePom() {
        ReelayHome home = ReelayHome.locate();

        assertThat(home.root().resolve("schemas/pom.xml")).isRegularFile();
        assertThat(home.root().resolve("deploy/pom.xml")).isRegularFile();
        assertThat(home.defaultDataDir()).isEqualTo(home.root().resolve(".local-stack"));
    }

    @Test
    void theThirdPartyServersAreFoundWhereTheirModulesPutThem() {
        ReelayHome home = ReelayHome.locate();

        assertThat(home.kafkaLibDir().resolve("kafka_2.13-3.9.1.jar")).isRegularFile();
        assertThat(home.apicurioRunnerJar()).isRegularFile().hasFileName("apicurio-registry-app-3.0.9-runner.jar");
        assertThat(home.s3proxyJar()).isRegularFile();
    }

    @Test
    void aMissingArtefactSaysHowToBuildIt() throws Exception {
        ReelayHome empty = new ReelayHome(Files.createTempDirectory("no-build"));

        assertThatThrownBy(() -> empty.serviceJar("ingest-service"))
                .hasMessageContaining("ingest-service")
                .hasMessageContaining("mvn -B -DskipTests install");
    }
}
