package io.reelay.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagedProcessTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path temp;

    @Test
    void stopEndsTheProcessAndWhateverItStarted() {
        ManagedProcess parent = startParentOfSleeper("env-check");
        ProcessHandle child = awaitChildOf(parent);

        parent.stop();

        assertThat(parent.isAlive()).isFalse();
        assertThat(child.onExit()).succeedsWithin(DEADLINE);
    }

    @Test
    void killEndsTheProcessAndWhateverItStartedAtOnce() {
        ManagedProcess parent = startParentOfSleeper("x");
        ProcessHandle child = awaitChildOf(parent);

        parent.kill();

        assertThat(parent.exitCode()).contains(137);
        assertThat(child.onExit()).succeedsWithin(DEADLINE);
    }

    @Test
    void theChildGetsTheGivenEnvironmentAndWritesToItsLog() throws Exception {
        ManagedProcess parent = startParentOfSleeper("hello-from-env");
        awaitChildOf(parent);
        parent.stop();

        assertThat(parent.logFile()).content().contains("GREETING=hello-from-env");
    }

    @Test
    void waitingForHealthGivesUpAsSoonAsTheProcessDiesAndPointsAtItsLog() {
        ManagedProcess failing = ManagedProcess.start("failing", Jvm.command(List.of("-version")), Map.of(), temp,
                temp.resolve("failing.log"));

        Instant before = Instant.now();
        assertThatThrownBy(() -> failing.awaitReady(URI.create("tcp://127.0.0.1:" + FreePorts.next()),
                Duration.ofMinutes(1)))
                .hasMessageContaining("failing exited with code 0")
                .hasMessageContaining("failing.log");
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(30));
    }

    private ManagedProcess startParentOfSleeper(String greeting) {
        String classpath = System.getProperty("java.class.path");
        return ManagedProcess.start("parent", Jvm.command(List.of("-cp", classpath, SleeperParent.class.getName())),
                Map.of("GREETING", greeting), temp, temp.resolve("parent.log"));
    }

    private static ProcessHandle awaitChildOf(ManagedProcess parent) {
        ProcessHandle self = ProcessHandle.of(parent.pid()).orElseThrow();
        Eventually.holds(() -> self.children().findAny().isPresent(), DEADLINE);
        return self.children().findFirst().orElseThrow();
    }

    /** A server stand-in that starts a long-running child of its own, as encode starts ffmpeg. */
    public static final class SleeperParent {
        public static void main(String[] args) throws Exception {
            System.out.println("GREETING=" + System.getenv("GREETING"));
            new ProcessBuilder("sleep", "600").inheritIO().start();
            Thread.sleep(Duration.ofMinutes(10).toMillis());
        }
    }
}
