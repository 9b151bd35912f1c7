package io.reelay.ingest.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.reelay.access.RequestTenant;
import io.reelay.ingest.core.JobLookup;
import io.reelay.ingest.core.RevokeDecision;
import io.reelay.ingest.core.RevokeRequest;
import io.reelay.ingest.core.RevokeRequestReader;
import io.reelay.ingest.core.RevokeResult;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.util.List;

/**
 * Revokes whole jobs or single outputs: asks the state service whether the caller's job is still running, and if
 * so publishes revoked, which every worker reads; the job's state then shows the revoke and what each service
 * stopped and cleaned.
 */
@Controller("/jobs")
public class RevokeController {

    private static final Logger LOG = LoggerFactory.getLogger(RevokeController.class);

    private final JobStateClient states;
    private final RecentJobRequests recentRequests;
    private final RevokedPublisher publisher;
    private final Clock clock;

    RevokeController(JobStateClient states, RecentJobRequests recentRequests, RevokedPublisher publisher,
                     Clock clock) {
        this.states = states;
        this.recentRequests = recentRequests;
        this.publisher = publisher;
        this.clock = clock;
    }

    @ApiResponse(responseCode = "200", description = "One result per distinct job id, in the order given",
            content = @Content(schema = @Schema(implementation = RevokeOutcomes.class)))
    @ApiResponse(responseCode = "400", description = "No job ids, more than 100, a blank one, or a reason over 1000"
            + " characters", content = @Content(schema = @Schema(implementation = ErrorResponses.ErrorBody.class)))
    @Post("/revoke")
    @ExecuteOn(TaskExecutors.BLOCKING)
    RevokeOutcomes revokeJobs(@Body RevokeRequest body, HttpRequest<?> request) {
        RevokeRequest revoke = RevokeRequestReader.read(body);
        return new RevokeOutcomes(revoke.jobIds().stream()
                .map(jobId -> new RevokeOutcome(jobId, null, revoke(jobId, null, revoke.reason(), request)))
                .toList());
    }

    @ApiResponse(responseCode = "202", description = "REVOKE_REQUESTED: the output is being stopped",
            content = @Content(schema = @Schema(implementation = RevokeOutcome.class)))
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such job, or no such output of it",
            content = @Content(schema = @Schema(implementation = RevokeOutcome.class)))
    @ApiResponse(responseCode = "403", description = "FORBIDDEN: the job belongs to another tenant",
            content = @Content(schema = @Schema(implementation = RevokeOutcome.class)))
    @ApiResponse(responseCode = "409", description = "ALREADY_DELIVERED or ALREADY_FINAL: nothing left to stop",
            content = @Content(schema = @Schema(implementation = RevokeOutcome.class)))
    @ApiResponse(responseCode = "503", description = "UNAVAILABLE: the state service did not answer; try again",
            content = @Content(schema = @Schema(implementation = RevokeOutcome.class)))
    @Post("/{jobId}/outputs/{outputId}/revoke")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<RevokeOutcome> revokeOutput(String jobId, String outputId, @Nullable @Body RevokeReason body,
                                             HttpRequest<?> request) {
        String reason = RevokeRequestReader.reason(body == null ? null : body.reason());
        RevokeResult result = revoke(jobId, outputId, reason, request);
        return HttpResponse.<RevokeOutcome>status(statusOf(result)).body(new RevokeOutcome(jobId, outputId, result));
    }

    private RevokeResult revoke(String jobId, @Nullable String outputId, String reason, HttpRequest<?> request) {
        String tenant = RequestTenant.of(request);
        RevokeResult result = decide(jobId, outputId, tenant, states.lookup(jobId, request));
        if (result == RevokeResult.REVOKE_REQUESTED) {
            publisher.publish(jobId, RevokeDecision.revoked(jobId, outputId, tenant, reason, clock.instant()));
            try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId)) {
                LOG.info("Revoke of {} requested by tenant {}, reason={}",
                        outputId == null ? "the job" : "output " + outputId, tenant, reason);
            }
        }
        return result;
    }

    private RevokeResult decide(String jobId, @Nullable String outputId, String tenant, JobLookup job) {
        if (job.answer() == JobLookup.Answer.NOT_FOUND) {
            return notFolded(jobId, outputId, tenant);
        }
        return outputId == null ? RevokeDecision.forJob(job) : RevokeDecision.forOutput(job, outputId);
    }

    /** A job the state service does not know: it may have been requested and not folded yet. */
    private RevokeResult notFolded(String jobId, @Nullable String outputId, String tenant) {
        try {
            return recentRequests.find(jobId)
                    .map(requested -> RevokeDecision.forRequested(requested, tenant, outputId))
                    .orElse(RevokeResult.NOT_FOUND);
        } catch (KafkaException unreadable) {
            LOG.warn("Could not look for a recent request of job {}: {}", jobId, unreadable.toString());
            return RevokeResult.UNAVAILABLE;
        }
    }

    private static HttpStatus statusOf(RevokeResult result) {
        return switch (result) {
            case REVOKE_REQUESTED -> HttpStatus.ACCEPTED;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case ALREADY_FINAL, ALREADY_DELIVERED -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** Optional body of a single-output revoke. */
    @Serdeable
    public record RevokeReason(@Nullable String reason) {
    }

    /** What became of the revoke of one job, or of one output ({@code outputId} absent for a whole job). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RevokeOutcome(String jobId, String outputId, RevokeResult result) {
    }

    /** Answer of {@code POST /jobs/revoke}. */
    @Serdeable
    public record RevokeOutcomes(List<RevokeOutcome> results) {
    }
}
