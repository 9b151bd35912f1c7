package io.reelay.state.http;

import io.micronaut.http.HttpHeaders;
import io.reelay.access.ApiKeyHeaders;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks another instance of the state service. Requests carry {@value #FORWARDED_HEADER}, so the receiver answers
 * from its own store and never forwards again: a request travels at most one hop, even while ownership moves.
 * They also carry the caller's API key, so the receiver acts for the caller's tenant and no other.
 */
@Singleton
public class PeerClient {

    public static final String FORWARDED_HEADER = "Reelay-Forwarded";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /**
     * @param pathAndQuery e.g. {@code /jobs/j1?waitForChangeAfter=3}; already encoded
     * @throws JobStateUnavailableException when the instance does not answer within {@code timeout}
     */
    HttpResponse<String> get(HostInfo instance, String pathAndQuery, Duration timeout, Caller caller) {
        URI uri = URI.create("http://" + instance.host() + ":" + instance.port() + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header(FORWARDED_HEADER, "true");
        if (caller.apiKey() != null) {
            request.header(HttpHeaders.AUTHORIZATION, ApiKeyHeaders.bearer(caller.apiKey()));
        }
        try {
            return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new JobStateUnavailableException("Instance " + instance.host() + ":" + instance.port()
                    + " owning this job did not answer (" + e + "); retry shortly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobStateUnavailableException("Interrupted while asking " + uri, e);
        }
    }
}
