package io.reelay.ingest.core;

import io.reelay.events.ObjectLocation;
import io.reelay.events.Watermark;
import io.reelay.events.WatermarkPosition;
import io.reelay.webhook.WebhookTargets;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WatermarkReaderTest {

    private static final WebhookTargets NO_ALLOWED_HOSTS = new WebhookTargets(List.of());

    private static final JobSubmission.Location LOGO = new JobSubmission.Location("brand", "logos/reelay.png");

    @Test
    void readsEveryPartOfAWatermark() {
        List<FieldError> errors = new ArrayList<>();

        Watermark watermark = WatermarkReader.read("w", new JobSubmission.Watermark(LOGO, "BOTTOM_RIGHT", 0.03, 0.8,
                0.15), errors);

        assertThat(errors).isEmpty();
        assertThat(watermark).isEqualTo(Watermark.newBuilder().setImage(new ObjectLocation("brand", "logos/reelay.png"))
                .setPosition(WatermarkPosition.BOTTOM_RIGHT).setMarginRatio(0.03).setOpacity(0.8).setWidthRatio(0.15)
                .build());
    }

    @Test
    void fillsWhatIsLeftOutWithTheDefaultsAndAcceptsLowerCaseHyphenatedPositions() {
        List<FieldError> errors = new ArrayList<>();

        Watermark defaults = WatermarkReader.read("w", new JobSubmission.Watermark(LOGO, null, null, null, null), errors);
        Watermark hyphenated = WatermarkReader.read("w", new JobSubmission.Watermark(LOGO, "top-left", null, null, null),
                errors);

        assertThat(errors).isEmpty();
        assertThat(defaults.getPosition()).isEqualTo(WatermarkPosition.TOP_RIGHT);
        assertThat(defaults.getMarginRatio()).isEqualTo(0.02);
        assertThat(defaults.getOpacity()).isEqualTo(1.0);
        assertThat(defaults.getWidthRatio()).isEqualTo(0.1);
        assertThat(hyphenated.getPosition()).isEqualTo(WatermarkPosition.TOP_LEFT);
    }

    @Test
    void namesEveryInvalidPart() {
        List<FieldError> errors = new ArrayList<>();

        Watermark watermark = WatermarkReader.read("outputs[1].watermark", new JobSubmission.Watermark(
                new JobSubmission.Location("brand", " "), "middle", -0.1, 1.5, 0.0), errors);

        assertThat(watermark).isNull();
        assertThat(errors).extracting(FieldError::field).containsExactly("outputs[1].watermark.image.key",
                "outputs[1].watermark.position", "outputs[1].watermark.margin", "outputs[1].watermark.opacity",
                "outputs[1].watermark.width");
        assertThat(errors.get(1).message()).contains("BOTTOM_RIGHT", "CENTER");
    }

    @Test
    void requiresTheImage() {
        List<FieldError> errors = new ArrayList<>();

        WatermarkReader.read("w", new JobSubmission.Watermark(null, "CENTER", null, null, null), errors);

        assertThat(errors).containsExactly(new FieldError("w.image", "is required"));
    }

    @Test
    void carriesTheWatermarkOfEachOutputIntoTheRequestedJob() {
        JobSubmission.Destination out = new JobSubmission.Destination("out", null);
        JobSubmission submission = new JobSubmission(null, new JobSubmission.Location("src", "a.mp4"), List.of(
                new JobSubmission.Output("marked", "HLS_FMP4", null, null, null, null, null, out,
                        new JobSubmission.Watermark(LOGO, "CENTER", null, 0.5, null)),
                new JobSubmission.Output("plain", "HLS_FMP4", null, null, null, null, null, out)), null, null);

        var job = JobSubmissionReader.read(submission, "job-1", "tenant", Instant.EPOCH, NO_ALLOWED_HOSTS);

        assertThat(job.getOutputs().get(0).getWatermark().getPosition()).isEqualTo(WatermarkPosition.CENTER);
        assertThat(job.getOutputs().get(0).getWatermark().getOpacity()).isEqualTo(0.5);
        assertThat(job.getOutputs().get(1).getWatermark()).isNull();
    }

    @Test
    void rejectsAJobWithAnInvalidWatermark() {
        JobSubmission submission = new JobSubmission(null, new JobSubmission.Location("src", "a.mp4"), List.of(
                new JobSubmission.Output("marked", "HLS_FMP4", null, null, null, null, null,
                        new JobSubmission.Destination("out", null),
                        new JobSubmission.Watermark(LOGO, null, null, null, 2.0))), null, null);

        InvalidJobException rejected = catchThrowableOfType(
                () -> JobSubmissionReader.read(submission, "job-1", "tenant", Instant.EPOCH, NO_ALLOWED_HOSTS),
                InvalidJobException.class);

        assertThat(rejected.errors()).extracting(FieldError::field).containsExactly("outputs[0].watermark.width");
    }
}
