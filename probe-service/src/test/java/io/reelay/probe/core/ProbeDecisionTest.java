package io.reelay.probe.core;

import io.reelay.events.FailureReason;
import io.reelay.events.JobRequested;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputRequest;
import io.reelay.events.Probed;
import io.reelay.events.Rendition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeDecisionTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final String URL = "http://127.0.0.1:9000/in/clip.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Signature=0123456789abcdef";

    @Test
    void aMissingSourceFailsTheJobWithSourceNotFound() {
        Probed probed = ProbeDecision.probed(job(), new ProbeOutcome.SourceMissing(), NOW);

        assertFailed(probed, FailureReason.SOURCE_NOT_FOUND);
        assertThat(probed.getFailure().getMessage()).contains("s3://in/clip.mp4");
    }

    @Test
    void aForbiddenSourceFailsTheJobWithSourceForbidden() {
        assertFailed(ProbeDecision.probed(job(), new ProbeOutcome.SourceForbidden(), NOW),
                FailureReason.SOURCE_FORBIDDEN);
    }

    @Test
    void anEmptySourceFailsTheJobWithSourceEmpty() {
        assertFailed(ProbeDecision.probed(job(), new ProbeOutcome.SourceEmpty(), NOW), FailureReason.SOURCE_EMPTY);
    }

    @Test
    void aProbeErrorFailsTheJobWithProbeFailedAndItsMessage() {
        Probed probed = ProbeDecision.probed(job(), new ProbeOutcome.ProbeError("object store unreachable", true), NOW);

        assertFailed(probed, FailureReason.PROBE_FAILED);
        assertThat(probed.getFailure().getMessage()).isEqualTo("object store unreachable");
    }

    @Test
    void invalidDataIsNotVideo() {
        Probed probed = ProbeDecision.probed(job(),
                ffprobe(1, "{\n\n}", URL + ": Invalid data found when processing input\n"), NOW);

        assertFailed(probed, FailureReason.SOURCE_NOT_VIDEO);
        assertThat(probed.getFailure().getMessage()).isEqualTo("source s3://in/clip.mp4 is not a video or audio file"
                + " ffprobe can read: s3://in/clip.mp4: Invalid data found when processing input");
    }

    @Test
    void aReportWithoutStreamsIsNotVideo() {
        String noStreams = "{\"streams\": [], \"format\": {\"format_name\": \"mov\", \"duration\": \"1.0\"}}";

        assertFailed(ProbeDecision.probed(job(), ffprobe(0, noStreams, ""), NOW), FailureReason.SOURCE_NOT_VIDEO);
    }

    @Test
    void aStillImageIsNotVideo() {
        String png = "{\"streams\": [{\"index\": 0, \"codec_type\": \"video\", \"codec_name\": \"png\", \"width\": 64,"
                + " \"height\": 48}], \"format\": {\"format_name\": \"png_pipe\"}}";

        Probed probed = ProbeDecision.probed(job(), ffprobe(0, png, ""), NOW);

        assertFailed(probed, FailureReason.SOURCE_NOT_VIDEO);
        assertThat(probed.getFailure().getMessage()).contains("still image");
    }

    @Test
    void httpStatusesFfprobeRunsIntoMapToSourceReasons() {
        assertFailed(ProbeDecision.probed(job(), ffprobe(1, "", URL + ": Server returned 404 Not Found"), NOW),
                FailureReason.SOURCE_NOT_FOUND);
        assertFailed(ProbeDecision.probed(job(), ffprobe(1, "", URL + ": Server returned 403 Forbidden (access denied)"),
                NOW), FailureReason.SOURCE_FORBIDDEN);
    }

    @Test
    void anyOtherFfprobeErrorIsProbeFailedWithTheTailOfStderrAndNoSignature() {
        String stderr = "line 1\nline 2\nline 3\n[http @ 0x1] something odd\n\nline 5\n" + URL + ": Connection reset\n";

        Probed probed = ProbeDecision.probed(job(), ffprobe(1, "", stderr), NOW);

        assertFailed(probed, FailureReason.PROBE_FAILED);
        assertThat(probed.getFailure().getMessage())
                .isEqualTo("ffprobe exited with 1: line 2 | line 3 | [http @ 0x1] something odd | line 5 | "
                        + "s3://in/clip.mp4: Connection reset")
                .doesNotContain("0123456789abcdef");
    }

    @Test
    void aSignatureInAnyOtherUrlIsRedacted() {
        String tail = ProbeDecision.stderrTail("redirected to https://x/y?X-Amz-Signature=secret&a=b");

        assertThat(tail).isEqualTo("redirected to https://x/y?X-Amz-Signature=REDACTED&a=b");
    }

    @Test
    void theStderrTailIsBounded() {
        String tail = ProbeDecision.stderrTail("x".repeat(5_000));

        assertThat(tail).hasSize(ProbeDecision.STDERR_TAIL_CHARS);
    }

    @Test
    void aTimedOutFfprobeIsProbeFailed() {
        ProcessResult result = new ProcessResult(-1, "", "", true, Duration.ofSeconds(120));

        Probed probed = ProbeDecision.probed(job(), new ProbeOutcome.FfprobeFinished(result, URL), NOW);

        assertFailed(probed, FailureReason.PROBE_FAILED);
        assertThat(probed.getFailure().getMessage()).isEqualTo("ffprobe did not finish within 120 s");
    }

    @Test
    void aFailureThatOutlivedItsRetriesSaysHowOftenItWasTried() {
        Probed probed = ProbeDecision.probed(job(), new ProbeOutcome.ProbeError("object store unreachable", true), 4,
                NOW);

        assertFailed(probed, FailureReason.PROBE_FAILED);
        assertThat(probed.getFailure().getMessage()).isEqualTo("object store unreachable (gave up after 4 tries)");
    }

    @Test
    void anMp4WithoutItsIndexIsNotVideoAndCalledIncomplete() {
        Probed probed = ProbeDecision.probed(job(), ffprobe(1, "{\n\n}",
                "[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found\n" + URL + ": Invalid data found when processing input"),
                NOW);

        assertFailed(probed, FailureReason.SOURCE_NOT_VIDEO);
        assertThat(probed.getFailure().getMessage())
                .isEqualTo("source s3://in/clip.mp4 has no MP4 index (moov atom): it is incomplete (was the upload"
                        + " cut short?) or not a video");
    }

    @Test
    void anMp4HoldingFarFewerBytesThanItsIndexListsIsNotVideoAndCalledIncomplete() {
        String cutInHalf = """
                {"streams": [{"index": 0, "codec_type": "video", "codec_name": "h264", "width": 320, "height": 240,
                              "bit_rate": "800000", "duration": "4.0"}],
                 "format": {"format_name": "mov,mp4,m4a,3gp,3g2,mj2", "duration": "4.0", "size": "200000"}}""";

        Probed probed = ProbeDecision.probed(job(), ffprobe(0, cutInHalf, ""), NOW);

        assertFailed(probed, FailureReason.SOURCE_NOT_VIDEO);
        assertThat(probed.getFailure().getMessage()).isEqualTo("source s3://in/clip.mp4 is incomplete, its index lists"
                + " 400,000 bytes of media but the file holds 200,000 (was the upload cut short?)");
    }

    @Test
    void unreadableOutputIsProbeFailed() {
        assertFailed(ProbeDecision.probed(job(), ffprobe(0, "garbage", ""), NOW), FailureReason.PROBE_FAILED);
    }

    @Test
    void aProbedSourceCarriesItsMediaAndAPlanPerOutput() throws IOException {
        Probed probed = ProbeDecision.probed(job(), ffprobe(0, FfprobeReportTest.fixture("landscape-h264-aac.json"), ""),
                NOW);

        assertThat(probed.getFailure()).isNull();
        assertThat(probed.getJobId()).isEqualTo("job-1");
        assertThat(probed.getAttempt()).isEqualTo(1);
        assertThat(probed.getSource()).isEqualTo(new ObjectLocation("in", "clip.mp4"));
        assertThat(probed.getProbedAt()).isEqualTo(NOW);
        assertThat(probed.getMedia().getStreams()).hasSize(2);
        assertThat(probed.getPlan()).extracting(plan -> plan.getOutputId()).containsExactly("hls", "dash");
        assertThat(probed.getPlan().get(0).getRenditions()).extracting(Rendition::getName).containsExactly("240p");
        assertThat(probed.getPlan().get(0).getIncludeAudio()).isTrue();
    }

    private static void assertFailed(Probed probed, FailureReason reason) {
        assertThat(probed.getFailure()).isNotNull();
        assertThat(probed.getFailure().getReason()).isEqualTo(reason);
        assertThat(probed.getMedia()).isNull();
        assertThat(probed.getPlan()).isEmpty();
        assertThat(probed.getJobId()).isEqualTo("job-1");
    }

    private static ProbeOutcome ffprobe(int exitCode, String stdout, String stderr) {
        return new ProbeOutcome.FfprobeFinished(
                new ProcessResult(exitCode, stdout, stderr, false, Duration.ofMillis(200)), URL);
    }

    private static JobRequested job() {
        return JobRequested.newBuilder()
                .setJobId("job-1")
                .setSource(new ObjectLocation("in", "clip.mp4"))
                .setOutputs(List.of(output("hls", OutputFormat.HLS_FMP4), output("dash", OutputFormat.DASH)))
                .setRequestedAt(NOW)
                .build();
    }

    private static OutputRequest output(String id, OutputFormat format) {
        return OutputRequest.newBuilder().setOutputId(id).setFormat(format)
                .setDestination(new ObjectLocation("out", "job-1/" + id)).build();
    }
}
