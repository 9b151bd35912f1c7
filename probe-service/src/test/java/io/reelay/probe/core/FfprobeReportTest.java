package io.reelay.probe.core;

import io.reelay.events.MediaInfo;
import io.reelay.events.StreamInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Fixtures under src/test/resources/ffprobe are verbatim output of the bundled ffprobe 7.1. */
class FfprobeReportTest {

    @Test
    void readsContainerFactsOfARealReport() throws IOException {
        MediaInfo media = FfprobeReport.parse(fixture("landscape-h264-aac.json"));

        assertThat(media.getContainer()).isEqualTo("mov,mp4,m4a,3gp,3g2,mj2");
        assertThat(media.getDurationSeconds()).isEqualTo(2.0);
        assertThat(media.getSizeBytes()).isEqualTo(194_561L);
        assertThat(media.getBitrate()).isEqualTo(778_244L);
        assertThat(media.getStreams()).hasSize(2);
    }

    @Test
    void readsTheVideoStream() throws IOException {
        StreamInfo video = FfprobeReport.parse(fixture("landscape-h264-aac.json")).getStreams().get(0);

        assertThat(video.getIndex()).isZero();
        assertThat(video.getType()).isEqualTo("video");
        assertThat(video.getCodec()).isEqualTo("h264");
        assertThat(video.getWidth()).isEqualTo(320);
        assertThat(video.getHeight()).isEqualTo(240);
        assertThat(video.getRotation()).isZero();
        assertThat(video.getFrameRate()).isEqualTo(25.0);
        assertThat(video.getBitrate()).isEqualTo(697_376L);
        assertThat(video.getChannels()).isNull();
        assertThat(video.getSampleRate()).isNull();
        assertThat(video.getLanguage()).as("'und' means no language").isNull();
    }

    @Test
    void readsTheAudioStream() throws IOException {
        StreamInfo audio = FfprobeReport.parse(fixture("landscape-h264-aac.json")).getStreams().get(1);

        assertThat(audio.getIndex()).isEqualTo(1);
        assertThat(audio.getType()).isEqualTo("audio");
        assertThat(audio.getCodec()).isEqualTo("aac");
        assertThat(audio.getWidth()).isNull();
        assertThat(audio.getFrameRate()).as("ffprobe writes 0/0 for audio").isNull();
        assertThat(audio.getBitrate()).isEqualTo(69_922L);
        assertThat(audio.getChannels()).isEqualTo(1);
        assertThat(audio.getSampleRate()).isEqualTo(48_000);
        assertThat(audio.getLanguage()).isEqualTo("eng");
    }

    @Test
    void readsRotationFromTheDisplayMatrix() throws IOException {
        StreamInfo video = FfprobeReport.parse(fixture("rotated-90.json")).getStreams().get(0);

        assertThat(video.getRotation()).isEqualTo(90);
        assertThat(video.getWidth()).as("coded size, not displayed size").isEqualTo(320);
    }

    @Test
    void coverArtIsReportedAsAnAttachmentNotAsVideo() throws IOException {
        MediaInfo media = FfprobeReport.parse(fixture("mp3-with-cover-art.json"));

        assertThat(media.getContainer()).isEqualTo("mp3");
        assertThat(media.getStreams()).extracting(StreamInfo::getType).containsExactly("audio", "attachment");
    }

    @Test
    void readsRotationFromTheLegacyRotateTag() {
        String json = """
                {"streams": [{"index": 0, "codec_type": "video", "codec_name": "h264", "width": 1920, "height": 1080,
                              "tags": {"rotate": "270"}}],
                 "format": {"format_name": "mov", "duration": "1.5", "size": "100", "bit_rate": "N/A"}}
                """;

        StreamInfo video = FfprobeReport.parse(json).getStreams().get(0);

        assertThat(video.getRotation()).isEqualTo(270);
    }

    @Test
    void normalisesRotationToAQuarterTurnBetween0And270() {
        assertThat(FfprobeReport.normaliseRotation(-90)).isEqualTo(270);
        assertThat(FfprobeReport.normaliseRotation(-180.0)).isEqualTo(180);
        assertThat(FfprobeReport.normaliseRotation(90.0)).isEqualTo(90);
        assertThat(FfprobeReport.normaliseRotation(360)).isZero();
        assertThat(FfprobeReport.normaliseRotation(-270)).isEqualTo(90);
        assertThat(FfprobeReport.normaliseRotation(89.6)).isEqualTo(90);
    }

    @Test
    void turnsFrameRateRatiosIntoNumbers() {
        assertThat(FfprobeReport.frameRate("30000/1001")).isCloseTo(29.97, within(0.001));
        assertThat(FfprobeReport.frameRate("25/1")).isEqualTo(25.0);
        assertThat(FfprobeReport.frameRate("0/0")).isNull();
        assertThat(FfprobeReport.frameRate("N/A")).isNull();
        assertThat(FfprobeReport.frameRate("")).isNull();
    }

    @Test
    void unknownValuesBecomeZeroOrNull() {
        String json = """
                {"streams": [{"index": 0, "codec_type": "data"}],
                 "format": {"format_name": "mpegts", "duration": "N/A", "bit_rate": "N/A"}}
                """;

        MediaInfo media = FfprobeReport.parse(json);

        assertThat(media.getDurationSeconds()).isZero();
        assertThat(media.getSizeBytes()).isZero();
        assertThat(media.getBitrate()).isZero();
        assertThat(media.getStreams().get(0).getCodec()).isEqualTo("unknown");
        assertThat(media.getStreams().get(0).getBitrate()).isNull();
    }

    @Test
    void withoutAContainerDurationTheLongestStreamGivesIt() {
        String json = """
                {"streams": [{"index": 0, "codec_type": "video", "codec_name": "h264", "duration": "7.5"},
                             {"index": 1, "codec_type": "audio", "codec_name": "aac", "duration": "7.6"}],
                 "format": {"format_name": "h264"}}
                """;

        assertThat(FfprobeReport.parse(json).getDurationSeconds()).isEqualTo(7.6);
    }

    @Test
    void aWholeMp4IsNotTruncated() throws IOException {
        assertThat(FfprobeReport.truncation(fixture("landscape-h264-aac.json"))).isEmpty();
    }

    @Test
    void anMp4WhoseIndexListsMoreBytesThanTheFileHoldsIsTruncated() {
        String json = """
                {"streams": [{"codec_type": "video", "bit_rate": "700000", "duration": "6.0"},
                             {"codec_type": "audio", "bit_rate": "64000", "duration": "6.0"}],
                 "format": {"format_name": "mov,mp4,m4a,3gp,3g2,mj2", "size": "300000"}}""";

        assertThat(FfprobeReport.truncation(json)).hasValue(
                "its index lists 573,000 bytes of media but the file holds 300,000");
    }

    @Test
    void containersWithoutASampleIndexAreNotJudged() {
        String json = """
                {"streams": [{"codec_type": "video", "bit_rate": "700000", "duration": "6.0"}],
                 "format": {"format_name": "matroska,webm", "size": "1000"}}""";

        assertThat(FfprobeReport.truncation(json)).isEmpty();
        assertThat(FfprobeReport.truncation("not json")).isEmpty();
    }

    @Test
    void rejectsOutputThatIsNotAnFfprobeReport() {
        assertThatThrownBy(() -> FfprobeReport.parse("not json at all"))
                .isInstanceOf(FfprobeReport.UnreadableReportException.class);
        assertThatThrownBy(() -> FfprobeReport.parse("{\n\n}"))
                .isInstanceOf(FfprobeReport.UnreadableReportException.class)
                .hasMessageContaining("no format");
        assertThatThrownBy(() -> FfprobeReport.parse(""))
                .isInstanceOf(FfprobeReport.UnreadableReportException.class);
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = FfprobeReportTest.class.getResourceAsStream("/ffprobe/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
