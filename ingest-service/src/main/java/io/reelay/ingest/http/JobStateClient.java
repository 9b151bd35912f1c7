package io.reelay.ingest.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.annotation.Serdeable;
import io.reelay.access.ApiKeyHeaders;
import io.reelay.ingest.core.JobLookup;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the state service ({@code GET /jobs/{id}} at {@code reelay.ingest.state-url}) about a job, with the
 * caller's own API key headers, so the state service decides whether the caller may see it: the same rule as for
 * reading a job applies to revoking it.
 */
@Singleton
public class JobStateClient {

    private static final Logger LOG = LoggerFactory.getLogger(JobStateClient.class);
    private static final List<String> CREDENTIAL_HEADERS = List.of(HttpHeaders.AUTHORIZATION, ApiKeyHeaders.X_API_KEY);

    private final HttpClient http;

    JobStateClient(@Client("${reelay.ingest.state-url}") HttpClient http) {
        this.http = http;
    }

    /** Blocks: call it on a blocking executor. */
    public JobLookup lookup(String jobId, HttpRequest<?> caller) {
        MutableHttpRequest<?> request = HttpRequest.GET("/jobs/" + pathSegment(jobId));
        for (String header : CREDENTIAL_HEADERS) {
            caller.getHeaders().get(header, String.class).ifPresent(value -> request.header(header, value));
        }
        try {
            StateJob job = http.toBlocking().retrieve(request, StateJob.class);
            Map<String, String> outputs = new HashMap<>();
            job.outputs().forEach(output -> outputs.put(output.outputId(), output.status()));
            return JobLookup.found(job.status(), outputs);
        } catch (HttpClientResponseException refused) {
            if (refused.getStatus() == HttpStatus.NOT_FOUND) {
                return JobLookup.missing(JobLookup.Answer.NOT_FOUND);
            } else if (refused.getStatus() == HttpStatus.FORBIDDEN) {
                return JobLookup.missing(JobLookup.Answer.FORBIDDEN);
            }
            LOG.warn("State service answered {} for job {}", refused.getStatus().getCode(), jobId);
            return JobLookup.missing(JobLookup.Answer.UNAVAILABLE);
        } catch (HttpClientException unreachable) {
            LOG.warn("State service unreachable for job {}: {}", jobId, unreachable.getMessage());
            return JobLookup.missing(JobLookup.Answer.UNAVAILABLE);
        }
    }

    /** Job ids come from clients: encoded, any id stays one path segment. */
    private static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The part of the state service's job JSON a revoke looks at; every other field is ignored. */
    @Serdeable
    record StateJob(String status, List<StateOutput> outputs) {

        StateJob {
            outputs = outputs == null ? List.of() : outputs;
        }
    }

    @Serdeable
    record StateOutput(String outputId, String status) {
    }
}
