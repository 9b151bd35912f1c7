package io.reelay.ingest.http;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The watermark of an output binds from JSON; a bad part is named and the job never reaches Kafka. */
@MicronautTest
class WatermarkBindingTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void bindsEveryPartOfTheWatermarkAndNamesOnlyTheBadOne() {
        String job = """
                {"source": {"bucket": "src", "key": "a.mp4"},
                 "outputs": [{"format": "HLS_FMP4", "destination": {"bucket": "out"},
                              "watermark": {"image": {"bucket": "brand", "key": "logo.png"}, "position": "BOTTOM_RIGHT",
                                            "margin": 0.02, "opacity": 0.8, "width": 1.5}}]}""";

        HttpClientResponseException error = catchThrowableOfType(() -> client.toBlocking().exchange(
                ApiRequests.postJson("/jobs", job), String.class),
                HttpClientResponseException.class);

        assertThat(error.getStatus().getCode()).isEqualTo(400);
        String body = error.getResponse().getBody(String.class).orElseThrow();
        assertThat(body).contains("outputs[0].watermark.width").doesNotContain("watermark.position")
                .doesNotContain("watermark.image").doesNotContain("watermark.margin")
                .doesNotContain("watermark.opacity");
    }
}
