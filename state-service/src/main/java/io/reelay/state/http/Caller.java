package io.reelay.state.http;

import io.micronaut.http.HttpRequest;
import io.reelay.access.ApiKeyHeaders;
import io.reelay.access.RequestTenant;
import io.reelay.events.JobState;

/**
 * Who asks: the tenant of the caller's API key, which may see only its own jobs, and the key itself, which a
 * forwarded request carries so that the instance owning the job applies the same tenant.
 *
 * @param apiKey null when the request carried none (access control off)
 */
public record Caller(String tenant, String apiKey) {

    static Caller of(HttpRequest<?> request) {
        return new Caller(RequestTenant.of(request), ApiKeyHeaders.keyOf(request).orElse(null));
    }

    /**
     * @throws JobForbiddenException when the job belongs to another tenant
     */
    JobState requireOwnerOf(JobState job) {
        if (!owns(job)) {
            throw new JobForbiddenException(job.getJobId());
        }
        return job;
    }

    boolean owns(JobState job) {
        return tenant.equals(job.getTenant());
    }

    @Override
    public String toString() {
        return "Caller[tenant=" + tenant + "]"; // never the key
    }
}
