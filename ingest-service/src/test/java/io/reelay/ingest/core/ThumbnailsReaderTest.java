package io.reelay.ingest.core;

import io.reelay.events.ImageFormat;
import io.reelay.events.JobRequested;
import io.reelay.events.ThumbnailsRequest;
import io.reelay.events.Watermark;
import io.reelay.events.WatermarkPosition;
import io.reelay.webhook.WebhookTargets;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ThumbnailsReaderTest {

    private static final WebhookTargets NO_ALLOWED_HOSTS = new WebhookTargets(List.of());

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static JobSubmission jobWith(JobSubmission.Thumbnails thumbnails, String outputId) {
        JobSubmission.Output hls = new JobSubmission.Output(outputId, "HLS_FMP4", null, null, List.of("360p"), null,
                null, new JobSubmission.Destination("out", "videos/1"));
        return new JobSubmission(null, new JobSubmission.Location("src", "a.mp4"), List.of(hls), null, thumbnails);
    }

    private static JobSubmission.Thumbnails thumbnails(List<Object> times, Integer width, Integer height, String format) {
        return new JobSubmission.Thumbnails(times, width, height, format, new JobSubmission.Destination("out", "thumbs/1/"),
                null);
    }

    private static ThumbnailsRequest read(JobSubmission.Thumbnails thumbnails) {
        return JobSubmissionReader.read(jobWith(thumbnails, "hls"), "job-1", "default", NOW, NO_ALLOWED_HOSTS)
                .getThumbnails();
    }

    private static List<String> fieldsRejectedIn(JobSubmission submission) {
        InvalidJobException error = catchThrowableOfType(
                () -> JobSubmissionReader.read(submission, "job-1", "default", NOW, NO_ALLOWED_HOSTS),
                InvalidJobException.class);
        assertThat(error).as("submission should be rejected").isNotNull();
        return error.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void readsTimesGivenAsNumbersNumericStringsAndClockTimes() {
        ThumbnailsRequest request = read(thumbnails(
                List.of(3, 1.5, "2.25", "00:00:01.500", "01:02.5", "1:00:00", "00:00:00.1"), null, null, null));

        assertThat(request.getTimesSeconds()).containsExactly(3.0, 1.5, 2.25, 1.5, 62.5, 3600.0, 0.1);
    }

    @Test
    void defaultsToJpegAtTheSourceSizeUnderTheRequestedPrefix() {
        ThumbnailsRequest request = read(thumbnails(List.of(1), null, null, null));

        assertThat(request.getOutputId()).isEqualTo("thumbnails");
        assertThat(request.getFormat()).isEqualTo(ImageFormat.JPEG);
        assertThat(request.getWidth()).isZero();
        assertThat(request.getHeight()).isZero();
        assertThat(request.getDestination().getBucket()).isEqualTo("out");
        assertThat(request.getDestination().getKey()).isEqualTo("thumbs/1");
    }

    @Test
    void keepsOneSideZeroSoThatItFollowsTheSourceAspect() {
        ThumbnailsRequest request = read(thumbnails(List.of(1), 320, 0, "webp"));

        assertThat(request.getWidth()).isEqualTo(320);
        assertThat(request.getHeight()).isZero();
        assertThat(request.getFormat()).isEqualTo(ImageFormat.WEBP);
    }

    @Test
    void defaultsTheDestinationPrefixFromTheJob() {
        JobSubmission.Thumbnails thumbnails = new JobSubmission.Thumbnails(List.of(1), null, null, "jpg",
                new JobSubmission.Destination("out", null), null);

        assertThat(read(thumbnails).getDestination().getKey()).isEqualTo("job-1/thumbnails");
    }

    @Test
    void rejectsNegativeAndMalformedTimes() {
        JobSubmission submission = jobWith(thumbnails(
                Arrays.asList(-1, "-00:00:02", "1:2:3:4", "00:61:00", "00:00:60", "soon", null, true), null, null, null),
                "hls");

        assertThat(fieldsRejectedIn(submission)).containsExactly("thumbnails.times[0]", "thumbnails.times[1]",
                "thumbnails.times[2]", "thumbnails.times[3]", "thumbnails.times[4]", "thumbnails.times[5]",
                "thumbnails.times[6]", "thumbnails.times[7]");
    }

    @Test
    void rejectsAMissingEmptyOrTooLongListOfTimes() {
        assertThat(fieldsRejectedIn(jobWith(thumbnails(null, null, null, null), "hls")))
                .containsExactly("thumbnails.times");
        assertThat(fieldsRejectedIn(jobWith(thumbnails(List.of(), null, null, null), "hls")))
                .containsExactly("thumbnails.times");
        List<Object> tooMany = List.copyOf(java.util.Collections.nCopies(ThumbnailsReader.MAX_TIMES + 1, 1));
        assertThat(fieldsRejectedIn(jobWith(thumbnails(tooMany, null, null, null), "hls")))
                .containsExactly("thumbnails.times");
    }

    @Test
    void rejectsNegativeTinyAndHugeSizes() {
        assertThat(fieldsRejectedIn(jobWith(thumbnails(List.of(1), -320, 8, null), "hls")))
                .containsExactly("thumbnails.width", "thumbnails.height");
        assertThat(fieldsRejectedIn(jobWith(thumbnails(List.of(1), 100_000, 5_000, null), "hls")))
                .containsExactly("thumbnails.width", "thumbnails.height");
    }

    @Test
    void rejectsUnknownFormatsMissingDestinationsAndAClashingOutputId() {
        assertThat(fieldsRejectedIn(jobWith(thumbnails(List.of(1), null, null, "gif"), "hls")))
                .containsExactly("thumbnails.format");
        assertThat(fieldsRejectedIn(jobWith(new JobSubmission.Thumbnails(List.of(1), null, null, null, null, null), "hls")))
                .containsExactly("thumbnails.destination");
        assertThat(fieldsRejectedIn(jobWith(thumbnails(List.of(1), null, null, null), "thumbnails")))
                .containsExactly("thumbnails");
    }

    @Test
    void readsAnOptionalWatermarkForEveryImage() {
        JobSubmission.Watermark logo = new JobSubmission.Watermark(new JobSubmission.Location("brand", "logo.png"),
                "bottom_left", 0.05, 0.5, 0.2);
        JobSubmission.Thumbnails thumbnails = new JobSubmission.Thumbnails(List.of(1), 320, 0, null,
                new JobSubmission.Destination("out", "t"), logo);

        Watermark watermark = read(thumbnails).getWatermark();

        assertThat(watermark.getImage().getKey()).isEqualTo("logo.png");
        assertThat(watermark.getPosition()).isEqualTo(WatermarkPosition.BOTTOM_LEFT);
        assertThat(watermark.getOpacity()).isEqualTo(0.5);
        assertThat(read(thumbnails(List.of(1), null, null, null)).getWatermark()).isNull();
        JobSubmission.Thumbnails opaqueBeyondOne = new JobSubmission.Thumbnails(List.of(1), null, null, null,
                new JobSubmission.Destination("out", "t"), new JobSubmission.Watermark(
                        new JobSubmission.Location("brand", "logo.png"), null, null, 2.0, null));
        assertThat(fieldsRejectedIn(jobWith(opaqueBeyondOne, "hls"))).containsExactly("thumbnails.watermark.opacity");
    }

    @Test
    void aJobWithoutThumbnailsHasNone() {
        JobRequested event = JobSubmissionReader.read(jobWith(null, "hls"), "job-1", "default", NOW, NO_ALLOWED_HOSTS);

        assertThat(event.getThumbnails()).isNull();
    }
}
