package io.reelay.ingest.http;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document is generated at build time and served by the running service; no broker involved. */
@MicronautTest
class OpenApiDocumentTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void servesTheOpenApiDocumentOfItsHttpApi() {
        String document = client.toBlocking().retrieve("/openapi/reelay-ingest-0.1.yml");

        assertThat(document).startsWith("openapi: 3.").contains("title: reelay-ingest", "  /jobs:", "  /uploads:",
                "  /jobs/revoke:", "  /jobs/{jobId}/outputs/{outputId}/revoke:", "ALREADY_DELIVERED")
                .contains("securitySchemes:", "scheme: bearer");
    }
}
