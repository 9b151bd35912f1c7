package io.reelay.probe.core;

import io.reelay.events.FailureReason;
import io.reelay.events.ImageFormat;
import io.reelay.events.MediaInfo;
import io.reelay.events.ObjectLocation;
import io.reelay.events.StreamInfo;
import io.reelay.events.ThumbnailCapture;
import io.reelay.events.ThumbnailsPlan;
import io.reelay.events.ThumbnailsRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThumbnailPlannerTest {

    private static MediaInfo source(double durationSeconds, StreamInfo... streams) {
        return MediaInfo.newBuilder().setContainer("mov,mp4,m4a,3gp,3g2,mj2").setDurationSeconds(durationSeconds)
                .setSizeBytes(1_000_000).setBitrate(2_000_000).setStreams(List.of(streams)).build();
    }

    private static StreamInfo video(int width, int height, int rotation) {
        return StreamInfo.newBuilder().setIndex(0).setType("video").setCodec("h264").setWidth(width).setHeight(height)
                .setRotation(rotation).setFrameRate(25.0).build();
    }

    private static StreamInfo audio() {
        return StreamInfo.newBuilder().setIndex(1).setType("audio").setCodec("aac").setChannels(2).setSampleRate(48000)
                .build();
    }

    private static ThumbnailsRequest request(int width, int height, Double... times) {
        return ThumbnailsRequest.newBuilder().setTimesSeconds(List.of(times)).setWidth(width).setHeight(height)
                .setFormat(ImageFormat.WEBP).setDestination(new ObjectLocation("out", "thumbs")).build();
    }

    @Test
    void takesTheDisplayedSourceSizeWhenNoSizeIsAsked() {
        ThumbnailsPlan plan = ThumbnailPlanner.plan(source(10, video(1920, 1080, 0)), request(0, 0, 1.0));

        assertThat(plan.getWidth()).isEqualTo(1920);
        assertThat(plan.getHeight()).isEqualTo(1080);
        assertThat(plan.getFormat()).isEqualTo(ImageFormat.WEBP);
        assertThat(plan.getOutputId()).isEqualTo("thumbnails");
        assertThat(plan.getFailure()).isNull();
    }

    @Test
    void derivesTheMissingSideFromTheAspectOfTheDisplayedFrame() {
        assertThat(size(ThumbnailPlanner.plan(source(10, video(640, 360, 0)), request(320, 0, 1.0))))
                .containsExactly(320, 180);
        assertThat(size(ThumbnailPlanner.plan(source(10, video(640, 360, 0)), request(0, 90, 1.0))))
                .containsExactly(160, 90);
        // a phone video stored landscape with a 90 degree rotation is shown, and captured, upright
        assertThat(size(ThumbnailPlanner.plan(source(10, video(640, 360, 90)), request(180, 0, 1.0))))
                .containsExactly(180, 320);
    }

    @Test
    void keepsBothSidesWhenBothAreAsked() {
        assertThat(size(ThumbnailPlanner.plan(source(10, video(640, 360, 0)), request(100, 100, 1.0))))
                .containsExactly(100, 100);
    }

    @Test
    void failsOnlyTheTimesAtOrPastTheEndOfTheSource() {
        ThumbnailsPlan plan = ThumbnailPlanner.plan(source(5, video(320, 240, 0), audio()),
                request(0, 0, 0.0, 4.9, 5.0, 60.0));

        assertThat(plan.getFailure()).isNull();
        assertThat(plan.getCaptures()).extracting(ThumbnailCapture::getTimeSeconds).containsExactly(0.0, 4.9, 5.0, 60.0);
        assertThat(plan.getCaptures()).extracting(capture -> capture.getFailure() == null)
                .containsExactly(true, true, false, false);
        assertThat(plan.getCaptures().get(3).getFailure().getReason()).isEqualTo(FailureReason.THUMBNAIL_FAILED);
        assertThat(plan.getCaptures().get(3).getFailure().getMessage()).contains("60.0").contains("past the end");
    }

    @Test
    void failsTheSetWhenEveryTimeIsPastTheEnd() {
        ThumbnailsPlan plan = ThumbnailPlanner.plan(source(5, video(320, 240, 0)), request(0, 0, 7.0, 8.0));

        assertThat(plan.getFailure().getReason()).isEqualTo(FailureReason.THUMBNAIL_FAILED);
    }

    @Test
    void failsTheSetOfASourceWithoutVideo() {
        ThumbnailsPlan plan = ThumbnailPlanner.plan(source(5, audio()), request(0, 0, 1.0));

        assertThat(plan.getFailure().getReason()).isEqualTo(FailureReason.SOURCE_HAS_NO_VIDEO);
    }

    @Test
    void judgesNoTimeWhenTheDurationIsUnknown() {
        ThumbnailsPlan plan = ThumbnailPlanner.plan(source(0, video(320, 240, 0)), request(0, 0, 100.0));

        assertThat(plan.getFailure()).isNull();
        assertThat(plan.getCaptures().get(0).getFailure()).isNull();
    }

    private static List<Integer> size(ThumbnailsPlan plan) {
        return List.of(plan.getWidth(), plan.getHeight());
    }
}
