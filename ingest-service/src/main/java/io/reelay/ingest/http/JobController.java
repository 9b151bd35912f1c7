package io.reelay.ingest.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.reelay.access.RequestTenant;
import io.reelay.events.JobRequested;
import io.reelay.ingest.core.JobSubmission;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.util.UUID;

/**
 * Accepts jobs: validates them and publishes job-requested, owned by the tenant of the caller's API key; the rest of
 * the pipeline takes it from there.
 */
@Controller("/jobs")
public class JobController {

    private static final Logger LOG = LoggerFactory.getLogger(JobController.class);

    private final JobRequestedPublisher publisher;
    private final JobSubmissions submissions;
    private final Clock clock;

    JobController(JobRequestedPublisher publisher, JobSubmissions submissions, Clock clock) {
        this.publisher = publisher;
        this.submissions = submissions;
        this.clock = clock;
    }

    @ApiResponse(responseCode = "202", description = "Accepted: the job is queued; follow it on the state service",
            content = @Content(schema = @Schema(implementation = JobAccepted.class)))
    @ApiResponse(responseCode = "400", description = "Malformed or invalid request, one entry per offending field",
            content = @Content(schema = @Schema(implementation = ErrorResponses.ErrorBody.class)))
    @ApiResponse(responseCode = "413", description = "The request body is larger than the server accepts",
            content = @Content(schema = @Schema(implementation = ErrorResponses.ErrorBody.class)))
    @Post
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<JobAccepted> submit(@RequestBody(content = @Content(schema = @Schema(implementation =
            JobSubmission.class))) @Body @Nullable String body, HttpRequest<?> request) {
        String jobId = UUID.randomUUID().toString();
        JobRequested event = submissions.read(body, jobId, RequestTenant.of(request), clock.instant());
        publisher.publish(jobId, event);
        try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId)) {
            LOG.info("Job accepted for tenant {} with {} output(s), referenceId={}", event.getTenant(),
                    event.getOutputs().size(), event.getReferenceId());
        }
        return HttpResponse.accepted().body(new JobAccepted(jobId, "QUEUED"));
    }

    /** What a client gets back for an accepted job. */
    @Serdeable
    public record JobAccepted(String jobId, String status) {
    }
}
