package io.reelay.encode.core;

import io.reelay.events.AudioCodec;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputPlan;
import io.reelay.events.VideoCodec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.reelay.encode.core.Plans.hls;
import static io.reelay.encode.core.Plans.rendition;
import static io.reelay.encode.core.Plans.threeRungLadder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FfmpegCommandTest {

    private static final FfmpegCommand.Settings SETTINGS = new FfmpegCommand.Settings("/opt/ffmpeg", "veryfast");
    private static final Path SCRATCH = Path.of("/scratch/job-1/hls/1");
    private static final SourceFacts SOURCE_WITH_AUDIO = new SourceFacts(true, 25.0, 60);

    @Test
    void decodesOnceAndScalesOneBranchPerRendition() {
        List<String> args = command(hls("hls", 2, true, threeRungLadder()), SOURCE_WITH_AUDIO);

        assertThat(args.get(0)).isEqualTo("/opt/ffmpeg");
        assertThat(args).containsSubsequence("-i", "https://s3/source.mp4?signature");
        assertThat(valueOf(args, "-filter_complex")).isEqualTo("[0:v:0]split=3[s0][s1][s2]"
                + ";[s0]scale=1920:1080,setsar=1[v0];[s1]scale=1280:720,setsar=1[v1];[s2]scale=640:360,setsar=1[v2]");
        assertThat(args).containsSubsequence("-map", "[v0]", "-map", "[v1]", "-map", "[v2]",
                "-map", "0:a:0", "-map", "0:a:0", "-map", "0:a:0");
        assertThat(args).containsSubsequence("-progress", "pipe:1").contains("-nostats", "-y");
    }

    @Test
    void encodesEveryRenditionWithItsOwnConstrainedBitrate() {
        List<String> args = command(hls("hls", 2, true, threeRungLadder()), SOURCE_WITH_AUDIO);

        assertThat(args).containsSubsequence("-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high",
                "-pix_fmt", "yuv420p");
        assertThat(args).containsSubsequence("-b:v:0", "5000000", "-maxrate:v:0", "5350000", "-bufsize:v:0", "7500000");
        assertThat(args).containsSubsequence("-b:v:1", "2800000", "-maxrate:v:1", "2996000", "-bufsize:v:1", "4200000");
        assertThat(args).containsSubsequence("-b:v:2", "800000", "-maxrate:v:2", "856000", "-bufsize:v:2", "1200000");
    }

    @Test
    void alignsKeyframesOnSegmentBoundariesInEveryRendition() {
        List<String> args = command(hls("hls", 2, true, threeRungLadder()), SOURCE_WITH_AUDIO);

        assertThat(valueOf(args, "-force_key_frames")).isEqualTo("expr:gte(t,n_forced*2)");
        assertThat(valueOf(args, "-sc_threshold")).isEqualTo("0");
        assertThat(valueOf(args, "-g")).isEqualTo("50");
    }

    @Test
    void keepsGopsWithinFractionalSegments() {
        List<String> args = command(hls("hls", 1.5, false, threeRungLadder()), new SourceFacts(false, 29.97, 60));

        assertThat(valueOf(args, "-force_key_frames")).isEqualTo("expr:gte(t,n_forced*1.5)");
        assertThat(valueOf(args, "-hls_time")).isEqualTo("1.5");
        assertThat(valueOf(args, "-g")).isEqualTo("44");
    }

    @Test
    void encodesAacStereoAt48kHzPerRenditionWhenTheOutputHasAudio() {
        List<String> args = command(hls("hls", 2, true, threeRungLadder()), SOURCE_WITH_AUDIO);

        assertThat(args).containsSubsequence("-c:a", "aac", "-ar", "48000", "-ac", "2");
        assertThat(args).containsSubsequence("-b:a:0", "128000", "-b:a:1", "128000", "-b:a:2", "96000");
        assertThat(valueOf(args, "-var_stream_map")).isEqualTo("v:0,a:0,name:1080p v:1,a:1,name:720p v:2,a:2,name:360p");
    }

    @Test
    void mapsVideoOnlyWhenTheOutputHasNoAudio() {
        List<String> args = command(hls("hls", 2, false, threeRungLadder()), SOURCE_WITH_AUDIO);

        assertThat(args).doesNotContain("0:a:0", "-c:a", "-b:a:0");
        assertThat(valueOf(args, "-var_stream_map")).isEqualTo("v:0,name:1080p v:1,name:720p v:2,name:360p");
    }

    @Test
    void mapsVideoOnlyWhenTheSourceHasNoAudio() {
        List<String> args = command(hls("hls", 2, true, threeRungLadder()), new SourceFacts(false, 25.0, 60));

        assertThat(valueOf(args, "-var_stream_map")).isEqualTo("v:0,name:1080p v:1,name:720p v:2,name:360p");
    }

    @Test
    void packagesHlsFmp4IntoOneFolderPerRenditionUnderTheScratchDir() {
        List<String> args = command(hls("hls", 2, true, threeRungLadder()), SOURCE_WITH_AUDIO);

        assertThat(args).containsSubsequence("-f", "hls", "-hls_time", "2", "-hls_playlist_type", "event",
                "-hls_list_size", "0", "-hls_segment_type", "fmp4",
                "-hls_flags", "independent_segments+temp_file", "-hls_fmp4_init_filename", "init.mp4",
                "-hls_segment_filename", "/scratch/job-1/hls/1/%v/seg_%05d.m4s",
                "-master_pl_name", "master.m3u8");
        assertThat(args.get(args.size() - 1)).isEqualTo("/scratch/job-1/hls/1/%v/playlist.m3u8");
    }

    @Test
    void refusesFormatsAndCodecsThatAreNotSupportedYet() {
        OutputPlan dash = hls("hls", 2, true, threeRungLadder());
        dash.setFormat(OutputFormat.DASH);
        OutputPlan av1 = hls("hls", 2, true, threeRungLadder());
        av1.setVideoCodec(VideoCodec.AV1);
        OutputPlan opus = hls("hls", 2, true, threeRungLadder());
        opus.setAudioCodec(AudioCodec.OPUS);

        assertThatThrownBy(() -> EncodingProfile.of(dash, SOURCE_WITH_AUDIO))
                .isInstanceOf(OutputNotEncodableException.class).hasMessage("DASH output is not supported yet");
        assertThatThrownBy(() -> EncodingProfile.of(av1, SOURCE_WITH_AUDIO))
                .isInstanceOf(OutputNotEncodableException.class).hasMessage("AV1 video is not supported yet");
        assertThatThrownBy(() -> EncodingProfile.of(opus, SOURCE_WITH_AUDIO))
                .isInstanceOf(OutputNotEncodableException.class).hasMessage("OPUS audio is not supported yet");
    }

    @Test
    void ignoresTheAudioCodecOfAnOutputWithoutAudio() {
        OutputPlan silentOpus = hls("hls", 2, false, threeRungLadder());
        silentOpus.setAudioCodec(AudioCodec.OPUS);

        assertThat(EncodingProfile.of(silentOpus, SOURCE_WITH_AUDIO).codecsAttribute()).isEqualTo("avc1.640028");
    }

    @Test
    void refusesRenditionNamesThatCannotBeFolderOrStreamNames() {
        OutputPlan plan = hls("hls", 2, true, List.of(rendition("720p, hi", 1280, 720, 2_800_000, 128_000)));

        assertThatThrownBy(() -> command(plan, SOURCE_WITH_AUDIO))
                .isInstanceOf(OutputNotEncodableException.class).hasMessageContaining("'720p, hi'");
    }

    @Test
    void refusesDuplicateRenditionsOddSizesAndEmptyLadders() {
        OutputPlan twice = hls("hls", 2, true, List.of(rendition("720p", 1280, 720, 2_800_000, 128_000),
                rendition("720p", 1280, 720, 2_000_000, 128_000)));
        OutputPlan odd = hls("hls", 2, true, List.of(rendition("odd", 641, 360, 800_000, 96_000)));
        OutputPlan empty = hls("hls", 2, true, List.of());

        assertThatThrownBy(() -> command(twice, SOURCE_WITH_AUDIO)).hasMessageContaining("used twice");
        assertThatThrownBy(() -> command(odd, SOURCE_WITH_AUDIO)).hasMessageContaining("even width and height");
        assertThatThrownBy(() -> command(empty, SOURCE_WITH_AUDIO)).hasMessageContaining("no renditions");
    }

    private static List<String> command(OutputPlan plan, SourceFacts source) {
        return FfmpegCommand.forOutput(SETTINGS, "https://s3/source.mp4?signature", plan, source,
                EncodingProfile.of(plan, source), SCRATCH);
    }

    private static String valueOf(List<String> args, String option) {
        assertThat(args).containsOnlyOnce(option);
        return args.get(args.indexOf(option) + 1);
    }
}
