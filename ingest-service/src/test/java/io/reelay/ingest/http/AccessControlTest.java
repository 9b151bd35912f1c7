package io.reelay.ingest.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every call but health, metrics and the API document needs a known API key; the key decides the tenant. */
@MicronautTest
class AccessControlTest {

    private static final String UPLOAD = "{\"filename\":\"talk.mp4\"}";

    @Inject
    @Client("/")
    HttpClient client;

    private HttpClientResponseException refused(MutableHttpRequest<?> request) {
        return catchThrowableOfType(() -> client.toBlocking().exchange(request, String.class),
                HttpClientResponseException.class);
    }

    private static void assertUnauthorized(HttpClientResponseException error, String message) {
        assertThat(error).as("expected a refusal").isNotNull();
        assertThat(error.getStatus().getCode()).isEqualTo(401);
        assertThat(error.getResponse().getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertThat(error.getResponse().getBody(String.class).orElseThrow()).isEqualTo("{\"message\":\"" + message
                + "\"}");
    }

    @Test
    void aJobWithoutKeyGets401NamingTheHeadersToSend() {
        HttpClientResponseException error = refused(ApiRequests.unauthenticatedPostJson("/jobs", "{}"));

        assertUnauthorized(error, "An API key is required: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'");
    }

    @Test
    void aJobWithAnUnknownKeyGets401() {
        assertUnauthorized(refused(ApiRequests.unauthenticatedPostJson("/jobs", "{}").bearerAuth("guessed-key")),
                "Unknown API key");
        assertUnauthorized(refused(ApiRequests.unauthenticatedPostJson("/jobs", "{}")
                .header(ApiRequests.KEY_HEADER, "test-key-2")), "Unknown API key");
    }

    @Test
    void anUploadWithoutKeyGets401() {
        assertUnauthorized(refused(ApiRequests.unauthenticatedPostJson("/uploads", UPLOAD)),
                "An API key is required: send 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'");
    }

    @Test
    void eachUploadLandsUnderTheTenantOfTheKeyThatAskedForIt() {
        Map<?, ?> asTest = client.toBlocking().retrieve(ApiRequests.postJson("/uploads", UPLOAD), Map.class);
        Map<?, ?> asOther = client.toBlocking().retrieve(ApiRequests.unauthenticatedPostJson("/uploads", UPLOAD)
                .header(ApiRequests.KEY_HEADER, ApiRequests.OTHER_KEY), Map.class);

        assertThat(((Map<?, ?>) asTest.get("source")).get("key").toString()).startsWith("uploads/test/")
                .endsWith("/talk.mp4");
        assertThat(((Map<?, ?>) asOther.get("source")).get("key").toString()).startsWith("uploads/other/");
    }

    @Test
    void healthMetricsAndTheApiDocumentAnswerWithoutKey() {
        // liveness: the full /health would also wait for a Kafka broker, which these tests do not start
        assertThat(client.toBlocking().exchange(HttpRequest.GET("/health/liveness"), String.class).getStatus()
                .getCode()).isEqualTo(200);
        HttpResponse<String> metrics = client.toBlocking().exchange(HttpRequest.GET("/prometheus"), String.class);
        assertThat(metrics.getStatus().getCode()).isEqualTo(200);
        assertThat(client.toBlocking().exchange(HttpRequest.GET("/openapi/reelay-ingest-0.1.yml"), String.class)
                .getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void managementEndpointsAndUnknownPathsNeedAKeyToo() {
        assertUnauthorized(refused(HttpRequest.GET("/loggers")), "An API key is required: send 'Authorization:"
                + " Bearer <key>' or 'X-Api-Key: <key>'");
        assertThat(refused(HttpRequest.GET("/no-such-path")).getStatus().getCode()).isEqualTo(401);
        assertThat(refused(HttpRequest.GET("/no-such-path").bearerAuth(ApiRequests.KEY)).getStatus().getCode())
                .isEqualTo(404);
    }

    @Test
    void refusesToStartWhenOneKeyIsGivenToTwoTenantsWithoutPrintingTheKey() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("reelay.access.api-keys",
                "test:shared-s3cr3t,other:shared-s3cr3t", "kafka.enabled", "false"), Environment.TEST).close())
                .rootCause()
                .hasMessage("reelay.access.api-keys entry 1 and reelay.access.api-keys entry 2 give the same key to"
                        + " tenants test and other; each tenant needs its own keys")
                .hasMessageNotContaining("s3cr3t");
    }
}
