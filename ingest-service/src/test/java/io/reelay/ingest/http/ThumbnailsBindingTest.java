package io.reelay.ingest.http;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Thumbnail times mix JSON numbers and strings; only the bad one is named. Rejected jobs never reach Kafka. */
@MicronautTest
class ThumbnailsBindingTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void bindsTimesGivenAsNumbersAndStringsAndNamesOnlyTheBadOne() {
        String job = """
                {"source": {"bucket": "src", "key": "a.mp4"},
                 "outputs": [{"format": "HLS_FMP4", "destination": {"bucket": "out"}}],
                 "thumbnails": {"times": ["00:00:01.500", 3, 2.5, "-1"], "width": 320, "height": 0,
                                "format": "JPEG", "destination": {"bucket": "out", "prefix": "t"}}}""";

        HttpClientResponseException error = catchThrowableOfType(() -> client.toBlocking().exchange(
                ApiRequests.postJson("/jobs", job), String.class),
                HttpClientResponseException.class);

        assertThat(error.getStatus().getCode()).isEqualTo(400);
        String body = error.getResponse().getBody(String.class).orElseThrow();
        assertThat(body).contains("thumbnails.times[3]").doesNotContain("thumbnails.times[0]")
                .doesNotContain("thumbnails.times[1]").doesNotContain("thumbnails.times[2]");
    }
}
