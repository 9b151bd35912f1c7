package io.reelay.ingest.http;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Rejected submissions never reach Kafka, so these run against the real HTTP stack without a broker. */
@MicronautTest
class JobControllerRejectionTest {

    @Inject
    @Client("/")
    HttpClient client;

    private HttpClientResponseException post(String path, String body) {
        return catchThrowableOfType(() -> client.toBlocking().exchange(
                ApiRequests.postJson(path, body), String.class),
                HttpClientResponseException.class);
    }

    @Test
    void malformedJsonGets400() {
        HttpClientResponseException error = post("/jobs", "{\"source\": ");

        assertThat(error.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(error.getResponse().getBody(String.class).orElseThrow())
                .contains("\"field\":\"body\"").contains("is not valid JSON");
    }

    @Test
    void missingFieldsGet400NamingEachField() {
        HttpClientResponseException error = post("/jobs",
                "{\"source\":{\"bucket\":\"src\"},\"outputs\":[{\"outputId\":\"a\",\"destination\":{\"bucket\":\"out\"}}]}");

        assertThat(error.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        String body = error.getResponse().getBody(String.class).orElseThrow();
        assertThat(body).contains("source.key").contains("outputs[0].format");
    }

    @Test
    void uploadWithoutFilenameGets400() {
        HttpClientResponseException error = post("/uploads", "{}");

        assertThat(error.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(error.getResponse().getBody(String.class).orElseThrow()).contains("filename");
    }
}
