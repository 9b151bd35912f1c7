package io.reelay.encode.staging;

import io.reelay.encode.core.AttemptOutcome;
import io.reelay.encode.core.FfmpegCommand;
import io.reelay.encode.core.OnFailure;
import io.reelay.encode.core.OutputAttempt;
import io.reelay.encode.core.OutputNotEncodableException;
import io.reelay.encode.core.Plans;
import io.reelay.encode.core.SourceFacts;
import io.reelay.events.FailureReason;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputPlan;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.Watermark;
import io.reelay.events.WatermarkPosition;
import io.reelay.revoke.Revocations;
import io.reelay.storage.StagingLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.reelay.encode.core.Plans.hls;
import static io.reelay.encode.core.Plans.rendition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A watermark laid over every rendition by the real ffmpeg, and watermark images read from a real S3 API. */
@Timeout(120)
class WatermarkEncodeTest {

    private static final int CLIP_SECONDS = 2;
    private static final StagingLayout LAYOUT = new StagingLayout(LocalObjectStore.BUCKET, "staging");
    private static final String BRAND_BUCKET = "brand";
    // a red mark a quarter of the width wide, inset by a twentieth of the width, on a blue picture
    private static final double WIDTH_RATIO = 0.25;
    private static final double MARGIN_RATIO = 0.05;
    private static final int[] RED = {255, 0, 0};
    private static final int[] BLUE = {0, 0, 255};

    @TempDir
    static Path work;
    static Path clip;
    static S3Server server;
    static S3Client s3;
    static S3Presigner presigner;

    @BeforeAll
    static void generateSourceAndStartS3() throws Exception {
        clip = Ffmpeg.ffmpeg("-f", "lavfi", "-i", "color=c=blue:s=320x240:r=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", Integer.toString(CLIP_SECONDS),
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", work.resolve("blue.mp4").toString());
        server = S3Server.start();
        s3 = server.client();
        presigner = server.presigner();
        s3.createBucket(request -> request.bucket(BRAND_BUCKET));
    }

    @AfterAll
    static void stopS3() throws Exception {
        presigner.close();
        s3.close();
        server.close();
    }

    @Test
    void laysTheMarkInTheRequestedCornerOfEveryRenditionAndNowhereElse() throws Exception {
        Path logo = Ffmpeg.solidImage(work.resolve("red.png"), "red", 64, 64);
        OutputPlan plan = hls("marked", 1, true, List.of(
                rendition("240p", 320, 240, 400_000, 96_000), rendition("120p", 160, 120, 150_000, 64_000)));
        plan.setWatermark(watermark(new ObjectLocation(BRAND_BUCKET, logo.toString()), WatermarkPosition.BOTTOM_RIGHT));
        LocalObjectStore store = new LocalObjectStore(work.resolve("bucket"));
        List<SegmentEncoded> published = new ArrayList<>();

        encoder(store, published, new LocalWatermarkImages()).encode(attempt(plan), plan, facts(), clip.toString(),
                OnFailure.FAIL_OUTPUT);

        assertThat(published.get(published.size() - 1).getFailure()).as("failure").isNull();
        for (int width : List.of(320, 160)) {
            String name = (width * 3 / 4) + "p";
            Path frame = firstSegment(store, name);
            int mark = (int) Math.round(width * WIDTH_RATIO);
            int margin = (int) Math.round(width * MARGIN_RATIO);
            int height = width * 3 / 4;
            // the inner half of where the mark sits, clear of the blurred edges compression leaves
            assertThat(meanColour(frame, mark / 2, width - margin - mark * 3 / 4, height - margin - mark * 3 / 4))
                    .as("bottom right of %s", name).satisfies(colour -> assertClose(colour, RED));
            assertThat(meanColour(frame, mark / 2, margin + mark / 4, margin + mark / 4))
                    .as("top left of %s", name).satisfies(colour -> assertClose(colour, BLUE));
        }
    }

    @Test
    void failsTheOutputWithoutEncodingOrRetryingWhenTheImageIsMissing() throws Exception {
        OutputPlan plan = hls("marked", 1, true, List.of(rendition("240p", 320, 240, 400_000, 96_000)));
        plan.setWatermark(watermark(new ObjectLocation(BRAND_BUCKET, "missing.png"), WatermarkPosition.TOP_LEFT));
        List<SegmentEncoded> published = new ArrayList<>();

        AttemptOutcome outcome = encoder(new LocalObjectStore(work.resolve("unused")), published, s3Images())
                .encode(attempt(plan), plan, facts(), clip.toString(), OnFailure.RETRY);

        assertThat(outcome).isEqualTo(AttemptOutcome.FINISHED);
        assertThat(published).singleElement().satisfies(failed -> {
            assertThat(failed.getFailure().getReason()).isEqualTo(FailureReason.WATERMARK_FAILED);
            assertThat(failed.getFailure().getMessage()).contains("s3://brand/missing.png", "does not exist");
        });
        assertThat(work.resolve("unused")).doesNotExist();
    }

    @Test
    void readsAnExistingImageThroughAPresignedUrl() throws Exception {
        byte[] png = Files.readAllBytes(Ffmpeg.solidImage(work.resolve("green.png"), "green", 16, 16));
        s3.putObject(request -> request.bucket(BRAND_BUCKET).key("logos/green.png"), RequestBody.fromBytes(png));

        String url = s3Images().inputOf(new ObjectLocation(BRAND_BUCKET, "logos/green.png"));

        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(png);
    }

    @Test
    void refusesAnImageInABucketThatDoesNotExist() {
        assertThatThrownBy(() -> s3Images().inputOf(new ObjectLocation("no-such-bucket", "logo.png")))
                .isInstanceOfSatisfying(OutputNotEncodableException.class,
                        refused -> assertThat(refused.reason()).isEqualTo(FailureReason.WATERMARK_FAILED))
                .hasMessageContaining("s3://no-such-bucket/logo.png");
    }

    private static Watermark watermark(ObjectLocation image, WatermarkPosition position) {
        return Watermark.newBuilder().setImage(image).setPosition(position).setWidthRatio(WIDTH_RATIO)
                .setMarginRatio(MARGIN_RATIO).setOpacity(1).build();
    }

    private static S3WatermarkImages s3Images() {
        return new S3WatermarkImages(s3, image -> presigner.presignGetObject(request -> request
                .signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(get -> get.bucket(image.getBucket()).key(image.getKey()))).url().toString());
    }

    private static OutputEncoder encoder(LocalObjectStore store, List<SegmentEncoded> published,
                                         WatermarkImages images) {
        return new OutputEncoder(new FfmpegCommand.Settings(Ffmpeg.ffmpegPath(), Plans.FASTEST), LAYOUT, store,
                published::add, images,
                new RunningEncodes(new ScratchDirs(work.resolve("scratch")), store, LAYOUT, new Revocations()));
    }

    private static OutputAttempt attempt(OutputPlan plan) {
        return new OutputAttempt("job-w", plan.getOutputId(), 1, plan.getDestination(), CLIP_SECONDS);
    }

    private static SourceFacts facts() {
        return new SourceFacts("aac", 25.0, CLIP_SECONDS);
    }

    /** The rendition's init segment and first media segment as one playable file. */
    private static Path firstSegment(LocalObjectStore store, String rendition) throws IOException {
        Path playable = work.resolve(rendition + "-first.mp4");
        Files.write(playable, Files.readAllBytes(store.fileOf(LAYOUT.keyOf("job-w", "marked", 1, rendition + "/init.mp4"))));
        Files.write(playable, Files.readAllBytes(store.fileOf(LAYOUT.keyOf("job-w", "marked", 1,
                rendition + "/seg_00000.m4s"))), StandardOpenOption.APPEND);
        return playable;
    }

    /** Mean RGB of a square of the first decoded frame, {@code size} pixels wide with its top left at (x, y). */
    private static int[] meanColour(Path video, int size, int x, int y) throws IOException, InterruptedException {
        Path raw = Ffmpeg.ffmpeg("-i", video.toString(), "-frames:v", "1",
                "-vf", "crop=" + size + ":" + size + ":" + x + ":" + y, "-f", "rawvideo", "-pix_fmt", "rgb24",
                work.resolve("crop-" + x + "-" + y + "-" + video.getFileName() + ".rgb").toString());
        byte[] pixels = Files.readAllBytes(raw);
        assertThat(pixels).hasSize(size * size * 3);
        long[] sums = new long[3];
        for (int i = 0; i < pixels.length; i++) {
            sums[i % 3] += pixels[i] & 0xff;
        }
        int count = size * size;
        return new int[]{(int) (sums[0] / count), (int) (sums[1] / count), (int) (sums[2] / count)};
    }

    private static void assertClose(int[] colour, int[] expected) {
        for (int channel = 0; channel < 3; channel++) {
            assertThat(Math.abs(colour[channel] - expected[channel]))
                    .as("channel %d of %s", channel, Arrays.toString(colour)).isLessThanOrEqualTo(40);
        }
    }
}
