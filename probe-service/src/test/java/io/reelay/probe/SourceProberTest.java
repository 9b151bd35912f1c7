package io.reelay.probe;

import io.reelay.events.FailureReason;
import io.reelay.events.JobRequested;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputRequest;
import io.reelay.events.Probed;
import io.reelay.events.Rendition;
import io.reelay.probe.core.FfprobeCommand;
import io.reelay.probe.core.ProbeDecision;
import io.reelay.probe.core.ProbeOutcome;
import io.reelay.probe.core.ProcessRunner;
import io.reelay.probe.core.TestMedia;
import io.reelay.storage.S3Clients;
import io.reelay.storage.S3Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The prober against a real S3 API server (S3Proxy, in process) and the real ffprobe, reading over HTTP. */
class SourceProberTest {

    private static final String BUCKET = TestObjectStore.BUCKET;

    @TempDir
    static Path directory;
    private static TestObjectStore store;
    private static S3Client s3;
    private static FfprobeCommand ffprobe;

    @BeforeAll
    static void startObjectStore() throws Exception {
        store = new TestObjectStore();
        s3 = store.s3();
        store.put("videos/clip.mp4", TestMedia.clip(directory));
        store.put("empty.mp4", new byte[0]);
        store.put("notes.mp4", "not a video\n".getBytes(StandardCharsets.UTF_8));
        ffprobe = new FfprobeCommand(TestMedia.ffprobePath(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopObjectStore() throws Exception {
        store.close();
    }

    @Test
    void probesAVideoThroughAPresignedUrl() throws Exception {
        ProbeOutcome outcome = prober(s3).probe(location("videos/clip.mp4"), process -> { });

        assertThat(outcome).isInstanceOf(ProbeOutcome.FfprobeFinished.class);
        String url = ((ProbeOutcome.FfprobeFinished) outcome).sourceUrl();
        assertThat(url).startsWith(store.settings(TestObjectStore.SECRET).endpoint() + "/" + BUCKET + "/videos/clip.mp4?")
                .contains("X-Amz-Signature=");
        Probed probed = ProbeDecision.probed(job("videos/clip.mp4"), outcome, Instant.now());
        assertThat(probed.getFailure()).isNull();
        assertThat(probed.getMedia().getDurationSeconds()).isBetween(1.9, 2.1);
        assertThat(probed.getPlan().get(0).getRenditions())
                .extracting(Rendition::getName, Rendition::getWidth, Rendition::getHeight)
                .containsExactly(tuple("240p", 320, 240));
    }

    @Test
    void aMissingObjectIsSourceNotFound() throws Exception {
        assertThat(probedFailure("videos/none.mp4", s3)).isEqualTo(FailureReason.SOURCE_NOT_FOUND);
    }

    @Test
    void aMissingBucketIsSourceNotFound() throws Exception {
        ProbeOutcome outcome = prober(s3).probe(new ObjectLocation("no-such-bucket", "clip.mp4"), process -> { });

        assertThat(outcome).isInstanceOf(ProbeOutcome.SourceMissing.class);
    }

    @Test
    void refusedCredentialsAreSourceForbidden() throws Exception {
        try (S3Client wrongKey = S3Clients.client(store.settings("not-the-secret"))) {
            assertThat(probedFailure("videos/clip.mp4", wrongKey)).isEqualTo(FailureReason.SOURCE_FORBIDDEN);
        }
    }

    @Test
    void aZeroByteObjectIsSourceEmpty() throws Exception {
        assertThat(probedFailure("empty.mp4", s3)).isEqualTo(FailureReason.SOURCE_EMPTY);
    }

    @Test
    void anObjectThatIsNotMediaIsSourceNotVideo() throws Exception {
        assertThat(probedFailure("notes.mp4", s3)).isEqualTo(FailureReason.SOURCE_NOT_VIDEO);
    }

    @Test
    void anUnreachableObjectStoreIsProbeFailed() throws Exception {
        S3Settings nowhere = new S3Settings(URI.create("http://127.0.0.1:1"), "us-east-1", TestObjectStore.IDENTITY,
                TestObjectStore.SECRET, true, true, null);
        try (S3Client unreachable = S3Clients.client(nowhere)) {
            assertThat(probedFailure("videos/clip.mp4", unreachable)).isEqualTo(FailureReason.PROBE_FAILED);
        }
    }

    private static FailureReason probedFailure(String key, S3Client client) throws InterruptedException {
        Probed probed = ProbeDecision.probed(job(key), prober(client).probe(location(key), process -> { }),
                Instant.now());
        assertThat(probed.getFailure()).as("probe of " + key + " should fail").isNotNull();
        return probed.getFailure().getReason();
    }

    private static SourceProber prober(S3Client client) {
        return new SourceProber(client, store.presigner(), ffprobe, new ProcessRunner(),
                new ProbeSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), 0, Duration.ZERO, Duration.ZERO));
    }

    private static ObjectLocation location(String key) {
        return new ObjectLocation(BUCKET, key);
    }

    private static JobRequested job(String key) {
        return JobRequested.newBuilder()
                .setJobId("job-s3")
                .setSource(location(key))
                .setOutputs(List.of(OutputRequest.newBuilder().setOutputId("main").setFormat(OutputFormat.HLS_FMP4)
                        .setDestination(new ObjectLocation("out", "job-s3/main")).build()))
                .setRequestedAt(Instant.now())
                .build();
    }
}
