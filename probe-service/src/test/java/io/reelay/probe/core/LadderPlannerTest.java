package io.reelay.probe.core;

import io.reelay.events.FailureReason;
import io.reelay.events.MediaInfo;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputPlan;
import io.reelay.events.OutputRequest;
import io.reelay.events.Rendition;
import io.reelay.events.RenditionRequest;
import io.reelay.events.StreamInfo;
import io.reelay.events.VideoCodec;
import io.reelay.events.Watermark;
import io.reelay.events.WatermarkPosition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LadderPlannerTest {

    @Test
    void landscape1080pSourceGetsTheRequestedRungsHighestFirst() {
        OutputPlan plan = LadderPlanner.plan(source(video(1920, 1080), audio()), qualities("480p", "1080p", "720p"));

        assertThat(plan.getFailure()).isNull();
        assertThat(plan.getIncludeAudio()).isTrue();
        assertThat(plan.getRenditions())
                .extracting(Rendition::getName, Rendition::getWidth, Rendition::getHeight,
                        Rendition::getVideoBitrate, Rendition::getAudioBitrate)
                .containsExactly(
                        tuple("1080p", 1920, 1080, 5_000_000, 128_000),
                        tuple("720p", 1280, 720, 2_800_000, 128_000),
                        tuple("480p", 854, 480, 1_400_000, 128_000));
    }

    @Test
    void a720pSourceAskedFor1080pGetsOne720pRungInstead() {
        OutputPlan plan = LadderPlanner.plan(source(video(1280, 720), audio()), qualities("1080p"));

        assertThat(sizes(plan)).containsExactly("720p 1280x720");
    }

    @Test
    void rungsLargerThanTheSourceAreDroppedAndTheRestKept() {
        OutputPlan plan = LadderPlanner.plan(source(video(1280, 720)), qualities("1080p", "720p", "360p"));

        assertThat(sizes(plan)).containsExactly("720p 1280x720", "360p 640x360");
    }

    @Test
    void verticalVideoStaysVerticalWithThePNumberOnItsShortSide() {
        OutputPlan plan = LadderPlanner.plan(source(video(1080, 1920)), qualities("720p", "480p"));

        assertThat(sizes(plan)).containsExactly("720p 720x1280", "480p 480x854");
    }

    @Test
    void aQuarterTurnRotationIsPlannedAsTheDisplayedFrame() {
        OutputPlan plan = LadderPlanner.plan(source(video(1920, 1080, 90, null)), qualities("1080p", "720p"));

        assertThat(sizes(plan)).containsExactly("1080p 1080x1920", "720p 720x1280");
    }

    @Test
    void aHalfTurnRotationKeepsTheFrameShape() {
        OutputPlan plan = LadderPlanner.plan(source(video(1920, 1080, 180, null)), qualities("720p"));

        assertThat(sizes(plan)).containsExactly("720p 1280x720");
    }

    @Test
    void oddSourceSizesBecomeEvenWithoutUpscaling() {
        OutputPlan plan = LadderPlanner.plan(source(video(854, 479)), qualities("480p", "360p"));

        assertThat(sizes(plan)).containsExactly("360p 642x360");
    }

    @Test
    void whenEveryRequestedRungIsTooLargeTheSourceSizeRoundedDownToEvenIsTheOneRung() {
        OutputPlan plan = LadderPlanner.plan(source(video(854, 479)), qualities("720p", "480p"));

        assertThat(sizes(plan)).containsExactly("478p 854x478");
    }

    @Test
    void customRenditionWithOnlyAHeightTakesItsWidthFromTheSourceAspect() {
        OutputPlan plan = LadderPlanner.plan(source(video(1920, 1080), audio()),
                renditions(new RenditionRequest(null, null, 540, null, null)));

        assertThat(plan.getRenditions()).singleElement().satisfies(rendition -> {
            assertThat(rendition.getName()).isEqualTo("540p");
            assertThat(rendition.getWidth()).isEqualTo(960);
            assertThat(rendition.getHeight()).isEqualTo(540);
            // a quarter of the way from 480p's 1400k to 720p's 2800k
            assertThat(rendition.getVideoBitrate()).isEqualTo(1_750_000);
            assertThat(rendition.getAudioBitrate()).isEqualTo(128_000);
        });
    }

    @Test
    void customRenditionWithOnlyAWidthTakesItsHeightFromTheSourceAspect() {
        OutputPlan plan = LadderPlanner.plan(source(video(1080, 1920)),
                renditions(new RenditionRequest(null, 540, null, null, null)));

        assertThat(sizes(plan)).containsExactly("540p 540x960");
    }

    @Test
    void customRenditionKeepsItsNameAndBitrates() {
        OutputPlan plan = LadderPlanner.plan(source(video(1920, 1080), audio()),
                renditions(new RenditionRequest("hd", 1280, 720, 2_000_000, 64_000)));

        assertThat(plan.getRenditions())
                .extracting(Rendition::getName, Rendition::getWidth, Rendition::getHeight,
                        Rendition::getVideoBitrate, Rendition::getAudioBitrate)
                .containsExactly(tuple("hd", 1280, 720, 2_000_000, 64_000));
    }

    @Test
    void customRenditionLargerThanTheSourceIsDropped() {
        OutputPlan plan = LadderPlanner.plan(source(video(1280, 720)), renditions(
                new RenditionRequest("big", null, 1080, null, null),
                new RenditionRequest("small", null, 360, null, null)));

        assertThat(sizes(plan)).containsExactly("small 640x360");
    }

    @Test
    void customRenditionWithAnUnsafeNameIsNamedAfterItsSize() {
        OutputPlan plan = LadderPlanner.plan(source(video(1920, 1080)),
                renditions(new RenditionRequest("../escape", null, 720, null, null)));

        assertThat(sizes(plan)).containsExactly("720p 1280x720");
    }

    @Test
    void rungsOfTheSameSizeCollapseAndTheCustomOneWins() {
        OutputPlan plan = LadderPlanner.plan(source(video(1920, 1080)), request(List.of("720p"),
                List.of(new RenditionRequest("hd", null, 720, null, null))));

        assertThat(sizes(plan)).containsExactly("hd 1280x720");
    }

    @Test
    void differentSizesWithTheSameNameGetUniqueNames() {
        OutputPlan plan = LadderPlanner.plan(source(video(1920, 1080)), request(List.of("720p"),
                List.of(new RenditionRequest("720p", 960, 720, null, null))));

        assertThat(sizes(plan)).containsExactly("720p 1280x720", "720p-2 960x720");
    }

    @Test
    void unknownQualityNamesAreIgnored() {
        OutputPlan plan = LadderPlanner.plan(source(video(1920, 1080)), qualities("999p", "720P"));

        assertThat(sizes(plan)).containsExactly("720p 1280x720");
    }

    @Test
    void withoutQualitiesOrRenditionsTheLadderIsTheTopFourStandardRungsTheSourceAllows() {
        assertThat(sizes(LadderPlanner.plan(source(video(1920, 1080)), qualities())))
                .containsExactly("1080p 1920x1080", "720p 1280x720", "480p 854x480", "360p 640x360");
        assertThat(sizes(LadderPlanner.plan(source(video(3840, 2160)), qualities())))
                .containsExactly("2160p 3840x2160", "1440p 2560x1440", "1080p 1920x1080", "720p 1280x720");
    }

    @Test
    void automaticLadderStopsAt240p() {
        OutputPlan plan = LadderPlanner.plan(source(video(640, 360)), qualities());

        assertThat(sizes(plan)).containsExactly("360p 640x360", "240p 426x240");
    }

    @Test
    void automaticLadderOfASourceSmallerThan240pGoesLower() {
        assertThat(sizes(LadderPlanner.plan(source(video(320, 180)), qualities()))).containsExactly("144p 256x144");
        assertThat(sizes(LadderPlanner.plan(source(video(160, 100)), qualities()))).containsExactly("100p 160x100");
    }

    @Test
    void videoBitrateIsCappedAtTheSourceVideoBitrate() {
        OutputPlan plan = LadderPlanner.plan(source(video(1920, 1080, 0, 2_000_000L)), qualities("1080p", "480p"));

        assertThat(plan.getRenditions()).extracting(Rendition::getVideoBitrate).containsExactly(2_000_000, 1_400_000);
    }

    @Test
    void withoutAStreamBitrateTheContainerBitrateCapsTheRungs() {
        MediaInfo media = source(video(1920, 1080));
        media.setBitrate(1_000_000L);

        OutputPlan plan = LadderPlanner.plan(media, qualities("1080p"));

        assertThat(plan.getRenditions()).extracting(Rendition::getVideoBitrate).containsExactly(1_000_000);
    }

    @Test
    void theBitrateCapHasAFloor() {
        OutputPlan plan = LadderPlanner.plan(source(video(1920, 1080, 0, 20_000L)), qualities("1080p"));

        assertThat(plan.getRenditions()).extracting(Rendition::getVideoBitrate)
                .containsExactly(LadderPlanner.MIN_VIDEO_BITRATE);
    }

    @Test
    void aSourceWithoutAudioPlansNoAudio() {
        OutputPlan plan = LadderPlanner.plan(source(video(1280, 720)), qualities("720p"));

        assertThat(plan.getIncludeAudio()).isFalse();
        assertThat(plan.getRenditions()).extracting(Rendition::getAudioBitrate).containsExactly(0);
    }

    @Test
    void smallRungsGetLessAudioBitrate() {
        OutputPlan plan = LadderPlanner.plan(source(video(1280, 720), audio()), qualities("720p", "360p"));

        assertThat(plan.getRenditions()).extracting(Rendition::getAudioBitrate).containsExactly(128_000, 96_000);
    }

    @Test
    void aSourceWithoutVideoFailsTheOutputWithNoRenditions() {
        OutputPlan plan = LadderPlanner.plan(source(audio()), qualities("720p"));

        assertThat(plan.getFailure()).isNotNull();
        assertThat(plan.getFailure().getReason()).isEqualTo(FailureReason.SOURCE_HAS_NO_VIDEO);
        assertThat(plan.getRenditions()).isEmpty();
        assertThat(plan.getIncludeAudio()).isFalse();
    }

    @Test
    void coverArtIsNotVideo() {
        StreamInfo coverArt = video(600, 600);
        coverArt.setType("attachment");

        OutputPlan plan = LadderPlanner.plan(source(audio(), coverArt), qualities("720p"));

        assertThat(plan.getFailure().getReason()).isEqualTo(FailureReason.SOURCE_HAS_NO_VIDEO);
    }

    @Test
    void thePlanCarriesTheOutputAsRequested() {
        OutputRequest request = qualities("720p");
        request.setFormat(OutputFormat.DASH);
        request.setVideoCodec(VideoCodec.VP9);
        request.setSegmentSeconds(6.0);

        OutputPlan plan = LadderPlanner.plan(source(video(1280, 720)), request);

        assertThat(plan.getOutputId()).isEqualTo("main");
        assertThat(plan.getFormat()).isEqualTo(OutputFormat.DASH);
        assertThat(plan.getVideoCodec()).isEqualTo(VideoCodec.VP9);
        assertThat(plan.getAudioCodec()).isEqualTo(request.getAudioCodec());
        assertThat(plan.getSegmentSeconds()).isEqualTo(6.0);
        assertThat(plan.getDestination()).isEqualTo(new ObjectLocation("out", "job-1/main"));
        assertThat(plan.getWatermark()).isNull();
    }

    @Test
    void thePlanCarriesTheRequestedWatermark() {
        OutputRequest request = qualities("720p");
        Watermark watermark = Watermark.newBuilder().setImage(new ObjectLocation("brand", "logo.png"))
                .setPosition(WatermarkPosition.BOTTOM_LEFT).setOpacity(0.5).build();
        request.setWatermark(watermark);

        assertThat(LadderPlanner.plan(source(video(1280, 720)), request).getWatermark()).isEqualTo(watermark);
    }

    private static List<String> sizes(OutputPlan plan) {
        return plan.getRenditions().stream()
                .map(r -> r.getName() + " " + r.getWidth() + "x" + r.getHeight())
                .toList();
    }

    private static MediaInfo source(StreamInfo... streams) {
        for (int i = 0; i < streams.length; i++) {
            streams[i].setIndex(i);
        }
        return MediaInfo.newBuilder().setContainer("mov,mp4,m4a,3gp,3g2,mj2").setDurationSeconds(10)
                .setSizeBytes(1_000_000).setBitrate(0).setStreams(List.of(streams)).build();
    }

    private static StreamInfo video(int width, int height) {
        return video(width, height, 0, null);
    }

    private static StreamInfo video(int width, int height, int rotation, Long bitrate) {
        return StreamInfo.newBuilder().setIndex(0).setType("video").setCodec("h264").setWidth(width)
                .setHeight(height).setRotation(rotation).setFrameRate(25.0).setBitrate(bitrate).build();
    }

    private static StreamInfo audio() {
        return StreamInfo.newBuilder().setIndex(0).setType("audio").setCodec("aac").setChannels(2)
                .setSampleRate(48_000).build();
    }

    private static OutputRequest qualities(String... names) {
        return request(List.of(names), List.of());
    }

    private static OutputRequest renditions(RenditionRequest... renditions) {
        return request(List.of(), List.of(renditions));
    }

    private static OutputRequest request(List<String> qualities, List<RenditionRequest> renditions) {
        return OutputRequest.newBuilder().setOutputId("main").setFormat(OutputFormat.HLS_FMP4)
                .setQualities(qualities).setRenditions(renditions)
                .setDestination(new ObjectLocation("out", "job-1/main")).build();
    }
}
