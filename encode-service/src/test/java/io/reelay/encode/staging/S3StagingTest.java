package io.reelay.encode.staging;

import io.reelay.encode.core.AttemptKeys;
import io.reelay.encode.core.FfmpegCommand;
import io.reelay.encode.core.OutputHistory;
import io.reelay.encode.core.Plans;
import io.reelay.events.FileKind;
import io.reelay.events.MediaInfo;
import io.reelay.events.ObjectLocation;
import io.reelay.events.Probed;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.StreamInfo;
import io.reelay.retry.RetryPolicy;
import io.reelay.revoke.Revocations;
import io.reelay.storage.StagingLayout;
import io.reelay.storage.StoreRetries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.reelay.encode.core.Plans.hls;
import static io.reelay.encode.core.Plans.rendition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The encoder against a real S3 API: source read through a presigned URL, files staged with putObject. */
@Timeout(120)
class S3StagingTest {

    private static final StoreRetries NO_RETRIES = new StoreRetries(new RetryPolicy(0, Duration.ZERO, Duration.ZERO));

    private static final String SOURCE_BUCKET = "sources";
    private static final String STAGING_BUCKET = "reelay-work";
    private static final StagingLayout LAYOUT = new StagingLayout(STAGING_BUCKET, "staging");
    private static final AttemptKeys KEYS = new AttemptKeys("encode-attempts");

    static S3Server server;
    static S3Client s3;
    static S3Presigner presigner;

    @TempDir
    Path work;

    @BeforeAll
    static void startS3() throws Exception {
        server = S3Server.start();
        s3 = server.client();
        presigner = server.presigner();
    }

    @AfterAll
    static void stopS3() throws Exception {
        presigner.close();
        s3.close();
        server.close();
    }

    @Test
    void createsTheStagingBucketOnlyWhenItIsMissing() {
        S3ObjectStore store = new S3ObjectStore(s3, "fresh-bucket", NO_RETRIES);

        store.ensureBucket();
        store.ensureBucket();

        assertThat(s3.listBuckets().buckets()).extracting(bucket -> bucket.name()).containsOnlyOnce("fresh-bucket");
    }

    @Test
    void encodesASourceReadThroughAPresignedUrlIntoTheStagingBucket() throws Exception {
        s3.createBucket(request -> request.bucket(SOURCE_BUCKET));
        Path clip = Ffmpeg.generateClip(work.resolve("clip.mp4"), 2);
        s3.putObject(request -> request.bucket(SOURCE_BUCKET).key("job-9/source.mp4"), RequestBody.fromFile(clip));
        S3ObjectStore store = new S3ObjectStore(s3, STAGING_BUCKET, NO_RETRIES);
        store.ensureBucket();
        List<SegmentEncoded> published = new ArrayList<>();
        RunningEncodes running = new RunningEncodes(new ScratchDirs(work.resolve("scratch")), store, LAYOUT,
                new Revocations());
        FfmpegCommand.Settings settings = new FfmpegCommand.Settings(Ffmpeg.ffmpegPath(), Plans.FASTEST);
        AttemptLedger ledger = new AttemptLedger(store, KEYS);
        JobEncoder jobEncoder = new JobEncoder(
                new OutputEncoder(settings, LAYOUT, store, published::add, new LocalWatermarkImages(), running),
                new ThumbnailEncoder(settings.ffmpegBin(), LAYOUT, store, published::add, new LocalWatermarkImages(),
                        running),
                source -> presigner.presignGetObject(request -> request
                        .signatureDuration(Duration.ofMinutes(5))
                        .getObjectRequest(get -> get.bucket(source.getBucket()).key(source.getKey()))).url().toString(),
                ledger, new RetryPolicy(0, Duration.ZERO, Duration.ZERO), running);

        jobEncoder.encode(probed());

        SegmentEncoded last = published.get(published.size() - 1);
        assertThat(last.getFailure()).isNull();
        assertThat(last.getKind()).isEqualTo(FileKind.MASTER_PLAYLIST);
        List<String> keys = s3.listObjectsV2Paginator(request -> request.bucket(STAGING_BUCKET)
                .prefix(LAYOUT.prefix() + "/")).contents().stream().map(S3Object::key).toList();
        assertThat(keys).containsExactlyInAnyOrderElementsOf(published.stream()
                .map(event -> event.getStaged().getKey()).toList());
        assertThat(keys).contains(LAYOUT.keyOf("job-9", "hls", 1, "master.m3u8"),
                LAYOUT.keyOf("job-9", "hls", 1, "180p/init.mp4"), LAYOUT.keyOf("job-9", "hls", 1, "180p/seg_00000.m4s"));
        HeadObjectResponse master = s3.headObject(request -> request.bucket(STAGING_BUCKET)
                .key(LAYOUT.keyOf("job-9", "hls", 1, "master.m3u8")));
        assertThat(master.contentType()).isEqualTo("application/vnd.apple.mpegurl");
        assertThat(master.contentLength()).isEqualTo(last.getSizeBytes());
        String stagedPlaylist = s3.getObjectAsBytes(request -> request.bucket(STAGING_BUCKET)
                .key(LAYOUT.keyOf("job-9", "hls", 1, "180p/playlist.m3u8"))).asUtf8String();
        assertThat(stagedPlaylist).contains("#EXT-X-MAP:URI=\"init.mp4\"", "seg_00001.m4s", "#EXT-X-ENDLIST");
        assertThat(work.resolve("scratch")).isEmptyDirectory();
        assertThat(ledger.read("job-9")).containsOnly(Map.entry("hls", new OutputHistory(1, true)));
        assertThat(store.keysUnder(KEYS.jobPrefix("job-9"))).containsExactlyInAnyOrder(
                KEYS.claimKey("job-9", "hls", 1), KEYS.finishedKey("job-9", "hls"));

        jobEncoder.forget("job-9");

        assertThat(store.keysUnder(KEYS.jobPrefix("job-9"))).isEmpty();
        assertThat(store.keysUnder(LAYOUT.prefix() + "/")).as("staged files are upload's")
                .containsExactlyInAnyOrderElementsOf(keys);
    }

    private static Probed probed() {
        MediaInfo media = new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", 2.0, 100_000L, 400_000L, List.of(
                StreamInfo.newBuilder().setIndex(0).setType("video").setCodec("h264").setWidth(320).setHeight(240)
                        .setFrameRate(25.0).build(),
                StreamInfo.newBuilder().setIndex(1).setType("audio").setCodec("aac").setChannels(1)
                        .setSampleRate(44100).build()));
        return Probed.newBuilder()
                .setJobId("job-9")
                .setSource(new ObjectLocation(SOURCE_BUCKET, "job-9/source.mp4"))
                .setMedia(media)
                .setPlan(List.of(hls("hls", 1, true, List.of(rendition("180p", 240, 180, 250_000, 64_000)))))
                .setProbedAt(Instant.now())
                .build();
    }

    @Test
    void aRequestMeetingAStoreThatIsDownIsSentAgainUntilTheStoreIsBack() throws Exception {
        try (S3Server restarting = S3Server.startOnFixedPort(); S3Client client = restarting.client()) {
            S3ObjectStore store = new S3ObjectStore(client, STAGING_BUCKET,
                    new StoreRetries(new RetryPolicy(20, Duration.ofMillis(100), Duration.ofMillis(500))));
            store.ensureBucket();
            restarting.stop();
            CompletableFuture<Void> back = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(1_000);
                    restarting.startAgain();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            store.putEmpty("encode-attempts/job-1/hls/1");

            back.join();
            assertThat(store.keysUnder("encode-attempts/")).containsExactly("encode-attempts/job-1/hls/1");
        }
    }

    @Test
    void aStoreThatStaysDownFailsTheRequestOnceTheRetriesAreSpent() throws Exception {
        try (S3Server gone = S3Server.startOnFixedPort(); S3Client client = gone.client()) {
            gone.stop();
            S3ObjectStore store = new S3ObjectStore(client, STAGING_BUCKET,
                    new StoreRetries(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10))));

            assertThatThrownBy(() -> store.putEmpty("encode-attempts/job-1/hls/1"))
                    .isInstanceOf(StoreRetries.GaveUp.class);
        }
    }

    @Test
    void aRequestTheStoreRefusesIsNotSentAgain() {
        // were it sent again, the wait before the retry would outlast the test's timeout
        S3ObjectStore store = new S3ObjectStore(s3, "no-such-bucket",
                new StoreRetries(new RetryPolicy(1, Duration.ofHours(1), Duration.ofHours(1))));

        assertThatThrownBy(() -> store.putEmpty("encode-attempts/job-1/hls/1")).isInstanceOf(S3Exception.class);
    }
}
