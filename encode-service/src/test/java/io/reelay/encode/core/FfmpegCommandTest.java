package io.reelay.encode.core;

import io.reelay.events.AudioCodec;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputPlan;
import io.reelay.events.VideoCodec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.reelay.encode.core.Plans.hls;
import static io.reelay.encode.core.Plans.plan;
import static io.reelay.encode.core.Plans.rendition;
import static io.reelay.encode.core.Plans.threeRungLadder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FfmpegCommandTest {

    private static final FfmpegCommand.Settings SETTINGS = new FfmpegCommand.Settings("/opt/ffmpeg",
            new EncoderPresets("veryfast", "fast", "good", 4, 10));
    private static final Path SCRATCH = Path.of("/scratch/job-1/hls/1");
    private static final SourceFacts SOURCE_WITH_AUDIO = new SourceFacts("aac", 25.0, 60);

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
    void readsAnHttpSourceWithReconnectsSoThatACutResponseDoesNotEndTheInput() {
        assertThat(FfmpegCommand.sourceInput("https://s3/source.mp4?signature")).containsExactly(
                "-reconnect", "1", "-reconnect_on_network_error", "1", "-i", "https://s3/source.mp4?signature");
        assertThat(FfmpegCommand.sourceInput("/sources/source.mp4")).containsExactly("-i", "/sources/source.mp4");
        assertThat(command(hls("hls", 2, true, threeRungLadder()), SOURCE_WITH_AUDIO)).containsSubsequence(
                "-reconnect", "1", "-reconnect_on_network_error", "1", "-i", "https://s3/source.mp4?signature");
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
        List<String> args = command(hls("hls", 1.5, false, threeRungLadder()), new SourceFacts(null, 29.97, 60));

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
        List<String> args = command(hls("hls", 2, true, threeRungLadder()), new SourceFacts(null, 25.0, 60));

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
    void refusesCodecsThatMpegTsCannotCarryAndSourceAudioThatCannotBeCopied() {
        OutputPlan vp9InTs = plan("ts", OutputFormat.HLS_TS, VideoCodec.VP9, AudioCodec.AAC, 2, true,
                threeRungLadder());
        OutputPlan opusInTs = plan("ts", OutputFormat.HLS_TS, VideoCodec.H264, AudioCodec.OPUS, 2, true,
                threeRungLadder());
        OutputPlan copyToTs = plan("ts", OutputFormat.HLS_TS, VideoCodec.H264, AudioCodec.COPY, 2, true,
                threeRungLadder());

        assertThatThrownBy(() -> EncodingProfile.of(vp9InTs, SOURCE_WITH_AUDIO, SETTINGS.presets()))
                .isInstanceOf(OutputNotEncodableException.class).hasMessage("VP9 video cannot be packaged as HLS_TS");
        assertThatThrownBy(() -> EncodingProfile.of(opusInTs, SOURCE_WITH_AUDIO, SETTINGS.presets()))
                .hasMessage("OPUS audio cannot be packaged as HLS_TS");
        assertThatThrownBy(() -> EncodingProfile.of(copyToTs, new SourceFacts("opus", 25.0, 60), SETTINGS.presets()))
                .hasMessage("the source's opus audio cannot be copied into HLS_TS; encode it to AAC instead");
        assertThat(EncodingProfile.of(copyToTs, SOURCE_WITH_AUDIO, SETTINGS.presets()).codecsAttribute())
                .isEqualTo("avc1.640028,mp4a.40.2");
    }

    @Test
    void packagesHlsTsWithTsSegmentsAndNoInitSegment() {
        List<String> args = command(plan("ts", OutputFormat.HLS_TS, VideoCodec.H265, AudioCodec.AAC, 2, true,
                threeRungLadder()), SOURCE_WITH_AUDIO);

        assertThat(valueOf(args, "-hls_segment_type")).isEqualTo("mpegts");
        assertThat(valueOf(args, "-hls_segment_filename")).isEqualTo("/scratch/job-1/hls/1/%v/seg_%05d.ts");
        assertThat(args).doesNotContain("-hls_fmp4_init_filename", "-tag:v");
        assertThat(args).containsSubsequence("-c:v", "libx265", "-preset", "fast", "-forced-idr", "1");
    }

    @Test
    void packagesDashWithOneSharedAudioStreamAtTheHighestAudioBitrateAndHlsPlaylistsForStaging() {
        List<String> args = command(plan("dash", OutputFormat.DASH, VideoCodec.VP9, AudioCodec.OPUS, 2, true,
                threeRungLadder()), SOURCE_WITH_AUDIO);

        assertThat(args.stream().filter("0:a:0"::equals)).hasSize(1);
        assertThat(args).containsSubsequence("-c:a", "libopus", "-ar", "48000", "-ac", "2", "-b:a:0", "128000");
        assertThat(args).doesNotContain("-b:a:1", "-var_stream_map");
        assertThat(args).containsSubsequence("-c:v", "libvpx-vp9", "-deadline", "good", "-cpu-used", "4");
        assertThat(args).containsSubsequence("-f", "dash", "-seg_duration", "2", "-use_template", "1",
                "-use_timeline", "1", "-init_seg_name", "stream$RepresentationID$/init.mp4",
                "-media_seg_name", "stream$RepresentationID$/seg_$Number%05d$.m4s",
                "-adaptation_sets", "id=0,streams=v id=1,streams=a", "-hls_playlist", "1");
        assertThat(args.get(args.size() - 1)).isEqualTo("/scratch/job-1/hls/1/manifest.mpd");
    }

    @Test
    void tagsH265AsHvc1InFmp4AndGivesAv1NoPeakBitrate() {
        List<String> hevc = command(plan("c", OutputFormat.CMAF, VideoCodec.H265, AudioCodec.AAC, 2, false,
                threeRungLadder()), SOURCE_WITH_AUDIO);
        List<String> av1 = command(plan("d", OutputFormat.DASH, VideoCodec.AV1, AudioCodec.AAC, 2, false,
                threeRungLadder()), SOURCE_WITH_AUDIO);

        assertThat(hevc).containsSubsequence("-tag:v", "hvc1");
        assertThat(av1).containsSubsequence("-c:v", "libsvtav1", "-preset", "10", "-svtav1-params", "scd=0")
                .containsSubsequence("-b:v:0", "5000000").doesNotContain("-maxrate:v:0");
        assertThat(valueOf(av1, "-adaptation_sets")).isEqualTo("id=0,streams=v");
    }

    @Test
    void makesTheFrameRateConstantAtTheSourcesAverage() {
        List<String> args = command(hls("hls", 2, true, threeRungLadder()), new SourceFacts("aac", 29.97, 60));

        assertThat(args).containsSubsequence("-fps_mode", "cfr", "-r", "29.97");
    }

    @Test
    void ignoresTheAudioCodecOfAnOutputWithoutAudio() {
        OutputPlan silentOpus = hls("hls", 2, false, threeRungLadder());
        silentOpus.setAudioCodec(AudioCodec.OPUS);

        assertThat(EncodingProfile.of(silentOpus, SOURCE_WITH_AUDIO, SETTINGS.presets()).codecsAttribute())
                .isEqualTo("avc1.640028");
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
                EncodingProfile.of(plan, source, SETTINGS.presets()), SCRATCH);
    }

    private static String valueOf(List<String> args, String option) {
        assertThat(args).containsOnlyOnce(option);
        return args.get(args.indexOf(option) + 1);
    }
}
