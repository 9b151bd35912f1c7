package io.reelay.state.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Answers what is known about a job: {@code GET /jobs/{id}}. */
@Controller("/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobController {

    private final JobStateLookup lookup;

    public JobController(JobStateLookup lookup) {
        this.lookup = lookup;
    }

    @Get("/{id}")
    public HttpResponse<?> job(String id) {
        return lookup.find(id)
                .<HttpResponse<?>>map(state -> HttpResponse.ok(JobView.of(state)))
                .orElseGet(() -> HttpResponse.notFound(new ErrorBody("No job with id " + id)));
    }

    @Error(exception = JobStateUnavailableException.class)
    public HttpResponse<ErrorBody> unavailable(JobStateUnavailableException e) {
        return HttpResponse.<ErrorBody>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(new ErrorBody(e.getMessage()));
    }
}
