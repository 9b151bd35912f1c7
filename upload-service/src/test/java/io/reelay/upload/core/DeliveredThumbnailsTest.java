package io.reelay.upload.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.ThumbnailResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveredThumbnailsTest {

    @Test
    void givesEveryDeliveredImageItsUrlAndLeavesFailuresAsTheyAre() {
        ThumbnailResult image = ThumbnailResult.newBuilder().setTimeSeconds(1.5).setPath("thumb_0001.jpg")
                .setWidth(320).setHeight(180).setBytes(4_096).build();
        ThumbnailResult failed = ThumbnailResult.newBuilder().setTimeSeconds(99)
                .setFailure(new Failure(FailureReason.THUMBNAIL_FAILED, "past the end")).build();

        List<ThumbnailResult> delivered = DeliveredThumbnails.withUrls(List.of(image, failed),
                path -> "http://cdn/out/thumbs/" + path);

        assertThat(delivered.get(0).getUrl()).isEqualTo("http://cdn/out/thumbs/thumb_0001.jpg");
        assertThat(delivered.get(0).getBytes()).isEqualTo(4_096);
        assertThat(delivered.get(0).getWidth()).isEqualTo(320);
        assertThat(delivered.get(1)).isEqualTo(failed);
    }
}
