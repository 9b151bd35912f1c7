package io.reelay.encode.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.ImageFormat;
import io.reelay.events.ObjectLocation;
import io.reelay.events.ThumbnailCapture;
import io.reelay.events.ThumbnailResult;
import io.reelay.events.ThumbnailsPlan;
import io.reelay.events.Watermark;
import io.reelay.events.WatermarkPosition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThumbnailCommandTest {

    private static final Path SCRATCH = Path.of("/scratch/job/thumbnails/1");
    private static final Failure PAST_THE_END = new Failure(FailureReason.THUMBNAIL_FAILED, "past the end");

    static ThumbnailsPlan plan(ImageFormat format, ThumbnailCapture... captures) {
        return ThumbnailsPlan.newBuilder().setOutputId("thumbnails").setFormat(format).setWidth(160).setHeight(90)
                .setCaptures(List.of(captures)).setDestination(new ObjectLocation("out", "thumbs")).build();
    }

    private static ThumbnailCapture at(double seconds) {
        return new ThumbnailCapture(seconds, null);
    }

    @Test
    void seeksEveryInputToItsTimeBeforeOpeningIt() {
        ThumbnailsPlan plan = plan(ImageFormat.JPEG, at(1.5), at(3));

        List<String> args = ThumbnailCommand.forSet("ffmpeg", "http://s3/src", null, plan, ThumbnailCommand.shots(plan),
                SCRATCH);

        String line = String.join(" ", args);
        assertThat(line).contains("-ss 1.5 -reconnect 1 -reconnect_on_network_error 1 -i http://s3/src"
                + " -ss 3 -reconnect 1 -reconnect_on_network_error 1 -i http://s3/src -filter_complex");
        assertThat(line).contains("-map [t0] -frames:v 1 -update 1 -c:v mjpeg -q:v 3 " + SCRATCH.resolve("thumb_0001.jpg"));
        assertThat(line).contains("-map [t1] -frames:v 1 -update 1 -c:v mjpeg -q:v 3 " + SCRATCH.resolve("thumb_0002.jpg"));
        assertThat(args).contains("[0:v:0]scale=160:90,setsar=1,format=yuvj420p[t0];"
                + "[1:v:0]scale=160:90,setsar=1,format=yuvj420p[t1]");
    }

    @Test
    void leavesOutTimesProbeFailedButKeepsTheRequestPositionInTheFileName() {
        ThumbnailsPlan plan = plan(ImageFormat.WEBP, new ThumbnailCapture(99.0, PAST_THE_END), at(2));

        List<ThumbnailShot> shots = ThumbnailCommand.shots(plan);
        List<String> args = ThumbnailCommand.forSet("ffmpeg", "src.mp4", null, plan, shots, SCRATCH);

        assertThat(shots).containsExactly(new ThumbnailShot(2, 2.0, "thumb_0002.webp"));
        assertThat(Collections.frequency(args, "-i")).isEqualTo(1);
        assertThat(String.join(" ", args)).contains("-c:v libwebp -quality 80 " + SCRATCH.resolve("thumb_0002.webp"));
    }

    @Test
    void laysTheWatermarkScaledTranslucentAndAnchoredOverEveryThumbnail() {
        ThumbnailsPlan plan = plan(ImageFormat.JPEG, at(1), at(2));
        plan.setWatermark(Watermark.newBuilder().setImage(new ObjectLocation("brand", "logo.png"))
                .setPosition(WatermarkPosition.BOTTOM_RIGHT).setWidthRatio(0.25).setOpacity(0.5).setMarginRatio(0.05)
                .build());

        List<String> args = ThumbnailCommand.forSet("ffmpeg", "src.mp4", "http://s3/logo.png", plan,
                ThumbnailCommand.shots(plan), SCRATCH);

        assertThat(String.join(" ", args)).contains("-ss 2 -i src.mp4 -i http://s3/logo.png -filter_complex");
        assertThat(args).contains("[2:v:0]scale=40:-1,format=rgba,colorchannelmixer=aa=0.5,split=2[w0][w1];"
                + "[0:v:0]scale=160:90,setsar=1[b0];[b0][w0]overlay=main_w-overlay_w-8:main_h-overlay_h-8,"
                + "format=yuvj420p[t0];"
                + "[1:v:0]scale=160:90,setsar=1[b1];[b1][w1]overlay=main_w-overlay_w-8:main_h-overlay_h-8,"
                + "format=yuvj420p[t1]");
    }

    @Test
    void refusesASetWithNothingToCapture() {
        ThumbnailsPlan plan = plan(ImageFormat.JPEG, new ThumbnailCapture(99.0, PAST_THE_END));

        assertThatThrownBy(() -> ThumbnailCommand.forSet("ffmpeg", "src.mp4", null, plan, ThumbnailCommand.shots(plan),
                SCRATCH))
                .isInstanceOf(OutputNotEncodableException.class);
    }

    @Test
    void reportsEveryTimeInRequestOrderWithItsImageOrWhyItHasNone() {
        ThumbnailsPlan plan = plan(ImageFormat.JPEG, at(1), new ThumbnailCapture(99.0, PAST_THE_END), at(2.99));

        List<ThumbnailResult> results = ThumbnailResults.of(plan, Map.of("thumb_0001.jpg", 2_000L), null);

        assertThat(results).extracting(ThumbnailResult::getTimeSeconds).containsExactly(1.0, 99.0, 2.99);
        assertThat(results.get(0).getPath()).isEqualTo("thumb_0001.jpg");
        assertThat(results.get(0).getBytes()).isEqualTo(2_000L);
        assertThat(results.get(0).getWidth()).isEqualTo(160);
        assertThat(results.get(0).getHeight()).isEqualTo(90);
        assertThat(results.get(0).getFailure()).isNull();
        assertThat(results.get(1).getFailure()).isEqualTo(PAST_THE_END);
        assertThat(results.get(2).getPath()).isNull();
        assertThat(results.get(2).getFailure().getMessage()).isEqualTo("the source has no frame at 2.99 s");
    }
}
