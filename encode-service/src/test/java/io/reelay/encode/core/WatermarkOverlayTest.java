package io.reelay.encode.core;

import io.reelay.events.FailureReason;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputPlan;
import io.reelay.events.Watermark;
import io.reelay.events.WatermarkPosition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.reelay.encode.core.Plans.hls;
import static io.reelay.encode.core.Plans.rendition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatermarkOverlayTest {

    private static final FfmpegCommand.Settings SETTINGS = new FfmpegCommand.Settings("/opt/ffmpeg", Plans.FASTEST);
    private static final SourceFacts SOURCE = new SourceFacts("aac", 25.0, 10);

    @Test
    void anchorsTheImageToEachCornerOrTheCentreWithAMarginRelativeToTheWidth() {
        assertThat(WatermarkOverlay.overlay(watermark(WatermarkPosition.TOP_LEFT), 1000)).isEqualTo("overlay=20:20");
        assertThat(WatermarkOverlay.overlay(watermark(WatermarkPosition.TOP_RIGHT), 1000))
                .isEqualTo("overlay=main_w-overlay_w-20:20");
        assertThat(WatermarkOverlay.overlay(watermark(WatermarkPosition.BOTTOM_LEFT), 1000))
                .isEqualTo("overlay=20:main_h-overlay_h-20");
        assertThat(WatermarkOverlay.overlay(watermark(WatermarkPosition.BOTTOM_RIGHT), 1000))
                .isEqualTo("overlay=main_w-overlay_w-20:main_h-overlay_h-20");
        assertThat(WatermarkOverlay.overlay(watermark(WatermarkPosition.CENTER), 1000))
                .isEqualTo("overlay=(main_w-overlay_w)/2:(main_h-overlay_h)/2");
    }

    @Test
    void scalesTheImageToAFractionOfTheWidthAndAppliesTheOpacity() {
        Watermark watermark = watermark(WatermarkPosition.TOP_LEFT);
        watermark.setOpacity(0.75);

        assertThat(WatermarkOverlay.image(watermark, "[1:v:0]", 1280))
                .isEqualTo("[1:v:0]scale=128:-1,format=rgba,colorchannelmixer=aa=0.75");
    }

    @Test
    void keepsTheOpacityBetweenInvisibleAndOpaqueAndTheImageAtLeastOnePixelWide() {
        Watermark watermark = watermark(WatermarkPosition.TOP_LEFT);
        watermark.setOpacity(1.5);
        watermark.setWidthRatio(0.0001);

        assertThat(WatermarkOverlay.image(watermark, "[1:v:0]", 320))
                .isEqualTo("[1:v:0]scale=1:-1,format=rgba,colorchannelmixer=aa=1");
    }

    @Test
    void laysTheMarkOnceOverTheLargestRenditionBeforeTheLadderIsSplit() {
        OutputPlan plan = hls("hls", 2, true, List.of(rendition("360p", 640, 360, 800_000, 96_000),
                rendition("720p", 1280, 720, 2_800_000, 128_000)));
        plan.setWatermark(watermark(WatermarkPosition.BOTTOM_RIGHT));

        List<String> args = command(plan, "https://s3/brand/logo.png?signature");

        assertThat(args).containsSubsequence("-i", "https://s3/source.mp4?signature",
                "-i", "https://s3/brand/logo.png?signature", "-filter_complex");
        assertThat(args.get(args.indexOf("-filter_complex") + 1)).isEqualTo(
                "[0:v:0]scale=1280:720,setsar=1[main];"
                        + "[1:v:0]scale=128:-1,format=rgba,colorchannelmixer=aa=1[mark];"
                        + "[main][mark]overlay=main_w-overlay_w-26:main_h-overlay_h-26,split=2[s0][s1]"
                        + ";[s0]scale=640:360,setsar=1[v0];[s1]scale=1280:720,setsar=1[v1]");
        assertThat(args).containsSubsequence("-map", "[v0]", "-map", "[v1]", "-map", "0:a:0");
    }

    @Test
    void refusesAWatermarkedPlanWithoutAnImageToRead() {
        OutputPlan plan = hls("hls", 2, true, List.of(rendition("360p", 640, 360, 800_000, 96_000)));
        plan.setWatermark(watermark(WatermarkPosition.CENTER));

        assertThatThrownBy(() -> command(plan, null)).isInstanceOfSatisfying(OutputNotEncodableException.class,
                refused -> assertThat(refused.reason()).isEqualTo(FailureReason.WATERMARK_FAILED));
    }

    private static Watermark watermark(WatermarkPosition position) {
        return Watermark.newBuilder().setImage(new ObjectLocation("brand", "logo.png")).setPosition(position)
                .setMarginRatio(0.02).setWidthRatio(0.1).setOpacity(1).build();
    }

    private static List<String> command(OutputPlan plan, String watermarkInput) {
        return FfmpegCommand.forOutput(SETTINGS, "https://s3/source.mp4?signature", watermarkInput, plan, SOURCE,
                EncodingProfile.of(plan, SOURCE, SETTINGS.presets()), Path.of("/scratch"));
    }
}
