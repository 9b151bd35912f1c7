package io.reelay.probe;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.reelay.events.JobRequested;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputRequest;
import io.reelay.events.Probed;
import io.reelay.events.RevokeAcknowledged;
import io.reelay.events.Revoked;
import io.reelay.kafka.DeadLetters;
import io.reelay.probe.core.TestMedia;
import io.reelay.schemas.Topics;
import io.reelay.testing.TestKafka;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe service as it runs: Micronaut's listener on a real in-process broker (one partition, so records are
 * consumed in the order they are published), S3Proxy, and ffprobe; only the registry is replaced by a serde that
 * needs none. Sources whose key contains {@code hang} make the ffprobe stand-in hang like a probe of a stalled source.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProbeServiceTest implements TestPropertyProvider {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private TestKafka kafka;
    private TestObjectStore store;
    private Path workDir;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        Path ffprobe;
        try {
            kafka = TestKafka.start(1);
            store = new TestObjectStore();
            workDir = Files.createTempDirectory("reelay-probe-test");
            store.put("clip.mp4", TestMedia.clip(workDir));
            store.put("hang.mp4", TestMedia.clip(workDir));
            ffprobe = ffprobeHangingOn("hang.mp4");
        } catch (Exception e) {
            throw new IllegalStateException("Test infrastructure did not start", e);
        }
        Map<String, String> properties = new HashMap<>(kafka.serviceProperties());
        properties.putAll(Map.of(
                "reelay.s3.endpoint", store.settings(TestObjectStore.SECRET).endpoint().toString(),
                "reelay.s3.access-key", TestObjectStore.IDENTITY,
                "reelay.s3.secret-key", TestObjectStore.SECRET,
                "reelay.ffprobe.bin", ffprobe.toString(),
                "reelay.probe.retries", "1",
                "reelay.probe.retry-backoff", "100ms",
                "micronaut.server.port", "-1"));
        return properties;
    }

    @AfterAll
    void stopInfrastructure() throws Exception {
        // the service goes first, so that its consumers do not outlive the broker
        context.close();
        kafka.close();
        store.close();
    }

    @Test
    void probesARequestedJob() throws Exception {
        String jobId = newJobId();

        kafka.publish(Topics.JOB_REQUESTED, jobId, job(jobId, "clip.mp4"));

        Probed probed = awaitProbed(jobId);
        assertThat(probed.getFailure()).isNull();
        assertThat(probed.getMedia().getDurationSeconds()).isBetween(1.9, 2.1);
    }

    @Test
    void aJobRevokedBeforeItArrivesIsSkippedAndTheRevokeAcknowledgedOnce() throws Exception {
        String revokedJob = newJobId();
        String nextJob = newJobId();

        kafka.publish(Topics.REVOKED, revokedJob, revoke(revokedJob, null));
        RevokeAcknowledged ack = awaitAcknowledgement(revokedJob);
        kafka.publish(Topics.JOB_REQUESTED, revokedJob, job(revokedJob, "clip.mp4"));
        kafka.publish(Topics.JOB_REQUESTED, nextJob, job(nextJob, "clip.mp4"));

        awaitProbed(nextJob);
        assertThat(probedOf(revokedJob)).as("consumed before the next job, and skipped").isEmpty();
        assertThat(ack.getService()).isEqualTo("probe");
        assertThat(ack.getOutputId()).isNull();
        assertThat(ack.getStoppedProcesses()).isZero();
        assertThat(ack.getInstance()).endsWith("/" + ProcessHandle.current().pid());
        assertThat(acknowledgementsOf(revokedJob)).hasSize(1);
    }

    @Test
    void aRevokeKillsTheRunningFfprobeAndNothingIsPublishedForTheJob() throws Exception {
        String jobId = newJobId();
        kafka.publish(Topics.JOB_REQUESTED, jobId, job(jobId, "hang.mp4"));
        long pid = awaitPid(workDir.resolve("hang.mp4.pid"));

        kafka.publish(Topics.REVOKED, jobId, revoke(jobId, null));

        RevokeAcknowledged ack = awaitAcknowledgement(jobId);
        assertThat(ack.getStoppedProcesses()).isEqualTo(1);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        String nextJob = newJobId();
        kafka.publish(Topics.JOB_REQUESTED, nextJob, job(nextJob, "clip.mp4"));
        awaitProbed(nextJob);
        assertThat(probedOf(jobId)).isEmpty();
    }

    @Test
    void anOutputRevokeIsAcknowledgedWhileTheJobIsStillProbed() throws Exception {
        String jobId = newJobId();

        kafka.publish(Topics.REVOKED, jobId, revoke(jobId, "main"));
        RevokeAcknowledged ack = awaitAcknowledgement(jobId);
        kafka.publish(Topics.JOB_REQUESTED, jobId, job(jobId, "clip.mp4"));

        assertThat(ack.getOutputId()).isEqualTo("main");
        assertThat(awaitProbed(jobId).getFailure()).as("the other outputs still need the probe").isNull();
    }

    @Test
    void aRecordThatIsNotAvroIsParkedWithItsErrorAndTheNextJobIsProbed() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        String jobId = newJobId();

        kafka.publishRaw(Topics.JOB_REQUESTED.name(), poisonKey, "{\"not\": \"avro\"}");
        kafka.publish(Topics.JOB_REQUESTED, jobId, job(jobId, "clip.mp4"));

        awaitProbed(jobId);
        ConsumerRecord<String, byte[]> parked = kafka.awaitRaw(Topics.JOB_REQUESTED.deadLetterName(), DEADLINE,
                record -> poisonKey.equals(record.key()));
        assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\": \"avro\"}");
        assertThat(header(parked, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.JOB_REQUESTED.name());
        assertThat(header(parked, DeadLetters.CONSUMER)).isEqualTo("probe-service");
        assertThat(header(parked, DeadLetters.ERROR_CLASS)).isNotBlank();
        assertThat(header(parked, DeadLetters.SOURCE_OFFSET)).isNotBlank();
    }

    private Probed awaitProbed(String jobId) {
        return (Probed) kafka.awaitEvent(Topics.PROBED, DEADLINE, record -> jobId.equals(record.key())).value();
    }

    private List<Probed> probedOf(String jobId) {
        return kafka.readAll(Topics.PROBED).stream()
                .filter(record -> jobId.equals(record.key()))
                .map(record -> (Probed) record.value())
                .toList();
    }

    private RevokeAcknowledged awaitAcknowledgement(String jobId) {
        return (RevokeAcknowledged) kafka.awaitEvent(Topics.REVOKE_ACKNOWLEDGED, DEADLINE,
                record -> jobId.equals(record.key())).value();
    }

    private List<RevokeAcknowledged> acknowledgementsOf(String jobId) {
        return kafka.readAll(Topics.REVOKE_ACKNOWLEDGED).stream()
                .filter(record -> jobId.equals(record.key()))
                .map(record -> (RevokeAcknowledged) record.value())
                .toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String newJobId() {
        return "job-" + UUID.randomUUID();
    }

    private static JobRequested job(String jobId, String key) {
        return JobRequested.newBuilder()
                .setJobId(jobId)
                .setSource(new ObjectLocation(TestObjectStore.BUCKET, key))
                .setOutputs(List.of(OutputRequest.newBuilder().setOutputId("main").setFormat(OutputFormat.HLS_FMP4)
                        .setDestination(new ObjectLocation("out", jobId + "/main")).build()))
                .setRequestedAt(Instant.now())
                .build();
    }

    private static Revoked revoke(String jobId, String outputId) {
        return Revoked.newBuilder().setJobId(jobId).setOutputId(outputId).setReason("test")
                .setRevokedAt(Instant.now()).build();
    }

    /** The real ffprobe, except for sources named {@code key}: then it records its process id and hangs. */
    private Path ffprobeHangingOn(String key) throws Exception {
        Path script = workDir.resolve("ffprobe.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "for arg in \"$@\"; do case \"$arg\" in *" + key + "*)\n"
                + "  echo $$ > '" + workDir.resolve(key + ".pid") + "'; exec sleep 300;; esac; done\n"
                + "exec '" + TestMedia.ffprobePath() + "' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static long awaitPid(Path pidFile) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
                return Long.parseLong(Files.readString(pidFile).trim());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the probe never started ffprobe for " + pidFile);
    }
}
