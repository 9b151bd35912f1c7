package io.reelay.ingest.core;

import io.reelay.events.JobRequested;
import io.reelay.events.OutputFormat;
import io.reelay.events.VideoCodec;
import io.reelay.webhook.WebhookTargets;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JobSubmissionReaderTest {

    private static final WebhookTargets NO_ALLOWED_HOSTS = new WebhookTargets(List.of());

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static JobSubmission.Output hls(String id, String prefix) {
        return new JobSubmission.Output(id, "hls_fmp4", null, null, List.of("1080p", "720p", "480p"), null, null,
                new JobSubmission.Destination("out", prefix));
    }

    private static JobSubmission job(List<JobSubmission.Output> outputs) {
        return new JobSubmission("ref-1", new JobSubmission.Location("src", "uploads/a.mp4"), outputs,
                "https://hooks.example.com/reelay", null);
    }

    private static List<String> fieldsRejectedIn(JobSubmission submission) {
        InvalidJobException error = catchThrowableOfType(
                () -> JobSubmissionReader.read(submission, "job-1", "default", NOW, NO_ALLOWED_HOSTS),
                InvalidJobException.class);
        assertThat(error).as("submission should be rejected").isNotNull();
        return error.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void readsAValidSubmissionIntoAJobRequestedWithDefaults() {
        JobRequested event = JobSubmissionReader.read(job(List.of(hls("hls", "videos/1/"))), "job-1", "acme", NOW,
                NO_ALLOWED_HOSTS);

        assertThat(event.getJobId()).isEqualTo("job-1");
        assertThat(event.getTenant()).isEqualTo("acme");
        assertThat(event.getReferenceId()).isEqualTo("ref-1");
        assertThat(event.getSource().getKey()).isEqualTo("uploads/a.mp4");
        assertThat(event.getRequestedAt()).isEqualTo(NOW);
        var output = event.getOutputs().get(0);
        assertThat(output.getFormat()).isEqualTo(OutputFormat.HLS_FMP4);
        assertThat(output.getVideoCodec()).isEqualTo(VideoCodec.H264);
        assertThat(output.getQualities()).containsExactly("1080p", "720p", "480p");
        assertThat(output.getSegmentSeconds()).isEqualTo(4.0);
        assertThat(output.getDestination().getKey()).isEqualTo("videos/1");
    }

    @Test
    void defaultsTheDestinationPrefixAndOutputIdFromTheJob() {
        JobSubmission.Output output = new JobSubmission.Output(null, "HLS_FMP4", "h264", "aac", null, null, 2.0,
                new JobSubmission.Destination("out", null));
        JobRequested event = JobSubmissionReader.read(job(List.of(output)), "job-1", "default", NOW, NO_ALLOWED_HOSTS);

        assertThat(event.getOutputs().get(0).getOutputId()).isEqualTo("output0");
        assertThat(event.getOutputs().get(0).getDestination().getKey()).isEqualTo("job-1/output0");
    }

    @Test
    void namesEveryMissingRequiredField() {
        JobSubmission submission = new JobSubmission(null, new JobSubmission.Location(" ", null),
                List.of(new JobSubmission.Output("a", null, null, null, null, null, null, null)), null, null);

        assertThat(fieldsRejectedIn(submission)).containsExactlyInAnyOrder(
                "source.bucket", "source.key", "outputs[0].format", "outputs[0].destination");
    }

    @Test
    void rejectsAJobWithoutOutputs() {
        assertThat(fieldsRejectedIn(job(List.of()))).containsExactly("outputs");
        assertThat(fieldsRejectedIn(job(null))).containsExactly("outputs");
    }

    @Test
    void rejectsUnknownEnumValuesAndQualities() {
        JobSubmission.Output output = new JobSubmission.Output("a", "flv", "mpeg2", null, List.of("999p"), null, null,
                new JobSubmission.Destination("out", "x"));

        assertThat(fieldsRejectedIn(job(List.of(output)))).containsExactlyInAnyOrder(
                "outputs[0].format", "outputs[0].videoCodec", "outputs[0].qualities[0]");
    }

    @Test
    void rejectsZeroNegativeAndHugeSegmentDurations() {
        for (double seconds : new double[] {0, -1, 61}) {
            JobSubmission.Output output = new JobSubmission.Output("a", "HLS_FMP4", null, null, null, null, seconds,
                    new JobSubmission.Destination("out", "x"));
            assertThat(fieldsRejectedIn(job(List.of(output)))).containsExactly("outputs[0].segmentSeconds");
        }
    }

    @Test
    void rejectsKeysThatEscapeTheirFolderOrCarryControlCharacters() {
        for (String prefix : List.of("../etc", "a/../../b", "/abs/path", "a\nb")) {
            assertThat(fieldsRejectedIn(job(List.of(hls("a", prefix)))))
                    .as(prefix).containsExactly("outputs[0].destination.prefix");
        }
        JobSubmission traversal = new JobSubmission(null, new JobSubmission.Location("src", "../secret"),
                List.of(hls("a", "x")), null, null);
        assertThat(fieldsRejectedIn(traversal)).containsExactly("source.key");
    }

    @Test
    void rejectsOutputsWritingIntoTheSameOrANestedFolder() {
        List<String> rejected = fieldsRejectedIn(job(List.of(hls("a", "videos/1"), hls("b", "videos/1/"),
                hls("c", "videos/1/low"), hls("d", "videos/10"), hls("e", "videos"))));

        assertThat(rejected).containsExactly("outputs[1].destination", "outputs[2].destination",
                "outputs[4].destination");
    }

    @Test
    void acceptsTheSameFolderInAnotherBucketAndSiblingFolders() {
        JobSubmission.Output elsewhere = new JobSubmission.Output("b", "DASH", null, null, null, null, null,
                new JobSubmission.Destination("archive", "videos/1"));

        JobRequested event = JobSubmissionReader.read(job(List.of(hls("a", "videos/1"), elsewhere,
                hls("c", "videos/2"))), "job-1", "default", NOW, NO_ALLOWED_HOSTS);

        assertThat(event.getOutputs()).hasSize(3);
    }

    @Test
    void rejectsThumbnailsWritingIntoAnOutputsFolder() {
        JobSubmission.Thumbnails thumbnails = new JobSubmission.Thumbnails(List.of(1), null, null, null,
                new JobSubmission.Destination("out", "videos/1/thumbs"), null);
        JobSubmission submission = new JobSubmission("ref-1", new JobSubmission.Location("src", "a.mp4"),
                List.of(hls("a", "videos/1")), null, thumbnails);

        assertThat(fieldsRejectedIn(submission)).containsExactly("thumbnails.destination");
    }

    @Test
    void rejectsBackslashesInDestinationsButNotInSourceKeys() {
        JobSubmission submission = new JobSubmission("ref-1", new JobSubmission.Location("src", "windows\\a.mp4"),
                List.of(hls("a", "videos\\1")), null, null);

        assertThat(fieldsRejectedIn(submission)).containsExactly("outputs[0].destination.prefix");
    }

    @Test
    void rejectsWebhookUrlsAimedIntoTheServicesOwnNetwork() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://10.1.2.3/hook",
                "http://127.0.0.1:8080/hook", "http://[::1]/hook", "http://[fd00::1]/hook", "http://localhost/hook")) {
            JobSubmission submission = new JobSubmission(null, new JobSubmission.Location("src", "a.mp4"),
                    List.of(hls("a", "v")), url, null);

            InvalidJobException error = catchThrowableOfType(() -> JobSubmissionReader.read(submission, "job-1",
                    "default", NOW, NO_ALLOWED_HOSTS),
                InvalidJobException.class);

            assertThat(error).as(url).isNotNull();
            assertThat(error.errors()).singleElement().satisfies(field -> {
                assertThat(field.field()).isEqualTo("webhookUrl");
                assertThat(field.message()).contains("internal address");
            });
        }
    }

    @Test
    void acceptsAnInternalWebhookHostTheAllowListNames() {
        JobSubmission submission = new JobSubmission(null, new JobSubmission.Location("src", "a.mp4"),
                List.of(hls("a", "v")), "http://127.0.0.1:8080/hook", null);

        JobRequested event = JobSubmissionReader.read(submission, "job-1", "default", NOW,
                new WebhookTargets(List.of("127.0.0.1")));

        assertThat(event.getWebhookUrl()).isEqualTo("http://127.0.0.1:8080/hook");
    }

    @Test
    void rejectsMoreRenditionsThanAnOutputMayHave() {
        List<JobSubmission.Rendition> many = new ArrayList<>();
        for (int i = 0; i <= JobSubmissionReader.MAX_RENDITIONS; i++) {
            many.add(new JobSubmission.Rendition("r" + i, 320, null, null, null));
        }
        JobSubmission.Output output = new JobSubmission.Output("a", "HLS_FMP4", null, null, null, many, null,
                new JobSubmission.Destination("out", "v"));

        assertThat(fieldsRejectedIn(job(List.of(output)))).containsExactly("outputs[0].renditions");
    }

    @Test
    void rejectsDuplicateOutputIds() {
        assertThat(fieldsRejectedIn(job(List.of(hls("same", "a"), hls("same", "b")))))
                .containsExactly("outputs[1].outputId");
    }

    @Test
    void rejectsAbsurdRenditions() {
        JobSubmission.Output output = new JobSubmission.Output("a", "HLS_FMP4", null, null, null,
                List.of(new JobSubmission.Rendition(null, 100_000, null, 1, null),
                        new JobSubmission.Rendition(null, null, null, null, null)),
                null, new JobSubmission.Destination("out", "x"));

        assertThat(fieldsRejectedIn(job(List.of(output)))).containsExactlyInAnyOrder(
                "outputs[0].renditions[0].width", "outputs[0].renditions[0].videoBitrate", "outputs[0].renditions[1]");
    }

    @Test
    void rejectsWebhookUrlsThatAreNotHttp() {
        JobSubmission submission = new JobSubmission(null, new JobSubmission.Location("src", "a.mp4"),
                List.of(hls("a", "x")), "file:///etc/passwd", null);

        assertThat(fieldsRejectedIn(submission)).containsExactly("webhookUrl");
    }

    @Test
    void refusesCodecsThatMpegTsSegmentsCannotCarry() {
        JobSubmission.Output vp9InTs = new JobSubmission.Output("a", "HLS_TS", "VP9", null, null, null, null,
                new JobSubmission.Destination("out", "x"));
        JobSubmission.Output opusInTs = new JobSubmission.Output("b", "HLS_TS", "H265", "OPUS", null, null, null,
                new JobSubmission.Destination("out", "y"));

        InvalidJobException error = catchThrowableOfType(() -> JobSubmissionReader.read(
                job(List.of(vp9InTs, opusInTs)), "job-1", "default", NOW, NO_ALLOWED_HOSTS),
                InvalidJobException.class);

        assertThat(error.errors()).extracting(FieldError::field)
                .containsExactly("outputs[0].videoCodec", "outputs[1].audioCodec");
        assertThat(error.errors().get(0).message()).contains("VP9", "MPEG-TS");
    }

    @Test
    void acceptsEveryCodecInTheFmp4FamilyAndH26xWithAacOrCopyInMpegTs() {
        List<JobSubmission.Output> outputs = new ArrayList<>();
        for (String format : List.of("HLS_FMP4", "DASH", "CMAF")) {
            for (String video : List.of("H264", "H265", "VP9", "AV1")) {
                for (String audio : List.of("AAC", "OPUS", "COPY")) {
                    outputs.add(output(format + video + audio, format, video, audio));
                }
            }
        }
        for (String video : List.of("H264", "H265")) {
            for (String audio : List.of("AAC", "COPY")) {
                outputs.add(output("TS" + video + audio, "HLS_TS", video, audio));
            }
        }
        for (int from = 0; from < outputs.size(); from += JobSubmissionReader.MAX_OUTPUTS) {
            List<JobSubmission.Output> batch =
                    outputs.subList(from, Math.min(outputs.size(), from + JobSubmissionReader.MAX_OUTPUTS));
            assertThat(JobSubmissionReader.read(job(batch), "job-1", "default", NOW, NO_ALLOWED_HOSTS).getOutputs())
                    .hasSameSizeAs(batch);
        }
    }

    private static JobSubmission.Output output(String id, String format, String video, String audio) {
        return new JobSubmission.Output(id, format, video, audio, null, null, null,
                new JobSubmission.Destination("out", id));
    }
}
