package io.reelay.probe;

import io.reelay.events.ObjectLocation;
import io.reelay.probe.core.FfprobeCommand;
import io.reelay.probe.core.ProbeOutcome;
import io.reelay.probe.core.ProcessRunner;
import io.reelay.probe.core.TestMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Retries and revokes with the real object store (S3Proxy, stopped and restarted at will) and real processes. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RetryingProberTest {

    private static final ObjectLocation CLIP = new ObjectLocation(TestObjectStore.BUCKET, "clip.mp4");

    @TempDir
    static Path directory;
    private static TestObjectStore store;

    @BeforeAll
    static void startObjectStore() throws Exception {
        store = new TestObjectStore();
        store.put(CLIP.getKey(), TestMedia.clip(directory));
    }

    @AfterAll
    static void stopObjectStore() throws Exception {
        store.close();
    }

    @Test
    void aProbeRidesOutAnObjectStoreThatIsDownForAFewSeconds() throws Exception {
        store.stop();
        CompletableFuture<Void> restarted = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(3_000);
                store.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            RetryingProber.Result result = prober(TestMedia.ffprobePath(), 6, Duration.ofMillis(500))
                    .probe(CLIP, new ProbeRun("job-1"));

            assertThat(result.tries()).isGreaterThan(1);
            assertThat(result.outcome()).isInstanceOfSatisfying(ProbeOutcome.FfprobeFinished.class,
                    finished -> assertThat(finished.result().succeeded()).isTrue());
        } finally {
            restarted.get();
        }
    }

    @Test
    void aMissingSourceIsAnsweredAtOnceWithoutRetries() throws Exception {
        RetryingProber.Result result = prober(TestMedia.ffprobePath(), 6, Duration.ofSeconds(30))
                .probe(new ObjectLocation(TestObjectStore.BUCKET, "none.mp4"), new ProbeRun("job-2"));

        assertThat(result.tries()).isEqualTo(1);
        assertThat(result.outcome()).isInstanceOf(ProbeOutcome.SourceMissing.class);
    }

    @Test
    void aRevokeKillsTheRunningFfprobe() throws Exception {
        Path pidFile = directory.resolve("ffprobe.pid");
        ProbeRun run = new ProbeRun("job-3");
        CompletableFuture<RetryingProber.Result> probing = probeAsync(prober(hangingFfprobe(pidFile), 3,
                Duration.ofSeconds(1)), run);
        long pid = awaitPid(pidFile);

        int stopped = run.revoke();

        RetryingProber.Result result = probing.get(30, TimeUnit.SECONDS);
        assertThat(stopped).isEqualTo(1);
        assertThat(result.tries()).as("a killed probe of a revoked job is not retried").isEqualTo(1);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void aRevokeEndsTheWaitBeforeARetry() throws Exception {
        store.stop();
        try {
            ProbeRun run = new ProbeRun("job-4");
            CompletableFuture<RetryingProber.Result> probing = probeAsync(prober(TestMedia.ffprobePath(), 3,
                    Duration.ofMinutes(10)), run);

            run.revoke();

            RetryingProber.Result result = probing.get(60, TimeUnit.SECONDS);
            assertThat(result.tries()).isEqualTo(1);
            assertThat(result.outcome()).isInstanceOf(ProbeOutcome.ProbeError.class);
        } finally {
            store.start();
        }
    }

    private static RetryingProber prober(String ffprobe, int retries, Duration backoff) {
        ProbeSettings settings = new ProbeSettings(Duration.ofSeconds(60), Duration.ofSeconds(10), retries, backoff,
                backoff.multipliedBy(4));
        return new RetryingProber(new SourceProber(store.s3(), store.presigner(),
                new FfprobeCommand(ffprobe, settings.readTimeout()), new ProcessRunner(), settings), settings);
    }

    private static CompletableFuture<RetryingProber.Result> probeAsync(RetryingProber prober, ProbeRun run) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return prober.probe(CLIP, run);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** An "ffprobe" that writes its process id and then hangs, as a probe of a stalled source does. */
    private static String hangingFfprobe(Path pidFile) throws Exception {
        Path script = directory.resolve("hanging-ffprobe.sh");
        Files.writeString(script, "#!/bin/sh\necho $$ > '" + pidFile + "'\nexec sleep 300\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    private static long awaitPid(Path pidFile) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
                return Long.parseLong(Files.readString(pidFile).trim());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the ffprobe stand-in never started");
    }
}
