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
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The prober against a real S3 API server (S3Proxy, in process) and the real ffprobe, reading over HTTP. */
class SourceProberTest {

    private static final String IDENTITY = "reelay-test";
    private static final String SECRET = "reelay-test-secret";
    private static final String BUCKET = "sources";

    @TempDir
    static Path directory;
    private static S3Proxy s3Proxy;
    private static S3Settings settings;
    private static S3Client s3;
    private static S3Presigner presigner;
    private static FfprobeCommand ffprobe;

    @BeforeAll
    static void startObjectStore() throws Exception {
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
        s3Proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, SECRET)
                .build();
        s3Proxy.start();
        settings = settings(SECRET);
        s3 = S3Clients.client(settings);
        presigner = S3Clients.presigner(settings);
        s3.createBucket(request -> request.bucket(BUCKET));
        s3.putObject(request -> request.bucket(BUCKET).key("videos/clip.mp4"),
                RequestBody.fromFile(TestMedia.clip(directory)));
        s3.putObject(request -> request.bucket(BUCKET).key("empty.mp4"), RequestBody.empty());
        s3.putObject(request -> request.bucket(BUCKET).key("notes.mp4"), RequestBody.fromString("not a video\n"));
        ffprobe = new FfprobeCommand(TestMedia.ffprobePath(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopObjectStore() throws Exception {
        s3.close();
        presigner.close();
        s3Proxy.stop();
    }

    @Test
    void probesAVideoThroughAPresignedUrl() throws Exception {
        ProbeOutcome outcome = prober(s3).probe(location("videos/clip.mp4"));

        assertThat(outcome).isInstanceOf(ProbeOutcome.FfprobeFinished.class);
        String url = ((ProbeOutcome.FfprobeFinished) outcome).sourceUrl();
        assertThat(url).startsWith(settings.endpoint() + "/" + BUCKET + "/videos/clip.mp4?").contains("X-Amz-Signature=");
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
        ProbeOutcome outcome = prober(s3).probe(new ObjectLocation("no-such-bucket", "clip.mp4"));

        assertThat(outcome).isInstanceOf(ProbeOutcome.SourceMissing.class);
    }

    @Test
    void refusedCredentialsAreSourceForbidden() throws Exception {
        try (S3Client wrongKey = S3Clients.client(settings("not-the-secret"))) {
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
        S3Settings nowhere = new S3Settings(URI.create("http://127.0.0.1:1"), "us-east-1", IDENTITY, SECRET, true,
                true, null);
        try (S3Client unreachable = S3Clients.client(nowhere)) {
            assertThat(probedFailure("videos/clip.mp4", unreachable)).isEqualTo(FailureReason.PROBE_FAILED);
        }
    }

    private static FailureReason probedFailure(String key, S3Client client) throws InterruptedException {
        Probed probed = ProbeDecision.probed(job(key), prober(client).probe(location(key)), Instant.now());
        assertThat(probed.getFailure()).as("probe of " + key + " should fail").isNotNull();
        return probed.getFailure().getReason();
    }

    private static SourceProber prober(S3Client client) {
        return new SourceProber(client, presigner, ffprobe, new ProcessRunner(),
                new ProbeSettings(Duration.ofSeconds(30), Duration.ofSeconds(10)));
    }

    private static S3Settings settings(String secret) {
        return new S3Settings(URI.create("http://127.0.0.1:" + s3Proxy.getPort()), "us-east-1", IDENTITY, secret,
                true, true, null);
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
