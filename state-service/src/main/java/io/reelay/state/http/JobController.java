package io.reelay.state.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.reelay.events.JobStatus;
import io.reelay.state.core.JobListing;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Named;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * What is known about jobs: one job (optionally waiting for its next change), a live stream of its changes, and
 * a filtered, paged listing. Any instance answers for any job (see {@link JobQueries}), and only for jobs of the
 * tenant of the caller's API key: another tenant's job answers 403 and never shows in a listing.
 */
@Controller("/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobController {

    private static final Duration EVENT_WAIT = Duration.ofSeconds(20);

    private final JobQueries queries;
    private final ExecutorService blocking;

    public JobController(JobQueries queries, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.queries = queries;
        this.blocking = blocking;
    }

    /**
     * The job's state. With {@code waitForChangeAfter}, answers once the job's version is above it (or the job
     * appears), or with 504 after {@code timeoutSeconds} (default 30, at most 60).
     */
    @Get("/{id}{?waitForChangeAfter,timeoutSeconds}")
    @ApiResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = JobView.class)))
    @ApiResponse(responseCode = "404", description = "No such job (without waitForChangeAfter)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "403", description = "The job belongs to another tenant",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "504", description = "No change within timeoutSeconds; ask again",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "503", description = "States not queryable right now (starting, rebalancing);"
            + " retry after the Retry-After seconds", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public HttpResponse<?> job(String id, @Nullable Long waitForChangeAfter, @Nullable Integer timeoutSeconds,
                               @Parameter(hidden = true) @Nullable @Header(PeerClient.FORWARDED_HEADER)
                               String forwarded, HttpRequest<?> request) {
        boolean local = forwarded != null;
        Caller caller = Caller.of(request);
        if (waitForChangeAfter == null) {
            return queries.find(id, caller, local)
                    .<HttpResponse<?>>map(HttpResponse::ok)
                    .orElseGet(() -> HttpResponse.notFound(new ErrorBody("No job with id " + id)));
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds == null ? 30 : Math.max(0, timeoutSeconds));
        return queries.awaitChange(id, waitForChangeAfter, timeout, caller, local)
                .<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> HttpResponse.status(HttpStatus.GATEWAY_TIMEOUT)
                        .body(new ErrorBody("No change of job " + id + " after version " + waitForChangeAfter
                                + " within " + timeout.toSeconds() + " s; ask again")));
    }

    /**
     * Server-sent events: one {@code state} event per change of the job (the event id is its version), starting
     * with its current state, or after {@code Last-Event-ID} when a client reconnects. Ends once the job is final.
     * Another tenant's job is refused with 403 before the stream starts.
     */
    @Get(uri = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<JobView>> events(String id, @Nullable @Header("Last-Event-ID") Long lastEventId,
                                            HttpRequest<?> request) {
        Caller caller = Caller.of(request);
        queries.find(id, caller, false); // another tenant's job: 403 now rather than an error inside the stream
        return Flux.create(sink -> blocking.execute(() -> {
            long version = lastEventId == null ? 0 : lastEventId;
            try {
                while (!sink.isCancelled()) {
                    Optional<JobView> next = queries.awaitChange(id, version, EVENT_WAIT, caller, false);
                    if (next.isPresent()) {
                        JobView job = next.get();
                        version = job.version();
                        sink.next(Event.of(job).id(Long.toString(version)).name("state"));
                        if (isFinal(job)) {
                            sink.complete();
                            return;
                        }
                    }
                }
            } catch (RuntimeException e) {
                sink.error(e);
            }
        }));
    }

    /** Jobs newest first; {@code cursor} is the {@code nextCursor} of the previous page. */
    @Get("{?status,referenceId,limit,cursor,scope}")
    @ApiResponse(responseCode = "200", description = "A page of jobs",
            content = @Content(schema = @Schema(implementation = JobPageView.class)))
    @ApiResponse(responseCode = "400", description = "Unknown status or invalid cursor",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public HttpResponse<?> list(@Parameter(description = "QUEUED, PROBING, ENCODING, UPLOADING, COMPLETE, FAILED"
                                        + " or REVOKED") @Nullable String status,
                                @Nullable String referenceId,
                                @Parameter(description = "1 to 100") @Nullable @QueryValue(defaultValue = "20")
                                Integer limit,
                                @Parameter(description = "nextCursor of the previous page") @Nullable String cursor,
                                @Parameter(description = "local: this instance's jobs only (asked between instances)")
                                @Nullable String scope, HttpRequest<?> request) {
        JobStatus wanted = null;
        if (status != null && !status.isBlank()) {
            Optional<JobStatus> parsed = Arrays.stream(JobStatus.values())
                    .filter(candidate -> candidate.name().equalsIgnoreCase(status.trim())).findFirst();
            if (parsed.isEmpty()) {
                return HttpResponse.badRequest(new ErrorBody("Unknown status '" + status + "'; one of "
                        + Arrays.toString(JobStatus.values())));
            }
            wanted = parsed.get();
        }
        JobListing.Cursor after = null;
        if (cursor != null && !cursor.isBlank()) {
            Optional<JobListing.Cursor> decoded = JobListing.Cursor.decode(cursor);
            if (decoded.isEmpty()) {
                return HttpResponse.badRequest(new ErrorBody("Invalid cursor"));
            }
            after = decoded.get();
        }
        JobListing.Query query = new JobListing.Query(wanted, referenceId == null || referenceId.isBlank()
                ? null : referenceId, limit == null ? 20 : limit, after);
        return HttpResponse.ok(queries.list(query, Caller.of(request), "local".equals(scope)));
    }

    @Error(exception = JobForbiddenException.class)
    public HttpResponse<ErrorBody> forbidden(JobForbiddenException e) {
        return HttpResponse.<ErrorBody>status(HttpStatus.FORBIDDEN).body(new ErrorBody(e.getMessage()));
    }

    @Error(exception = JobStateUnavailableException.class)
    public HttpResponse<ErrorBody> unavailable(JobStateUnavailableException e) {
        return HttpResponse.<ErrorBody>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(new ErrorBody(e.getMessage()));
    }

    private static boolean isFinal(JobView job) {
        return job.status().equals(JobStatus.COMPLETE.name()) || job.status().equals(JobStatus.FAILED.name())
                || job.status().equals(JobStatus.REVOKED.name());
    }
}
