package io.reelay.state.http;

import io.micronaut.json.JsonMapper;
import io.reelay.events.JobState;
import io.reelay.state.core.JobListing;
import io.reelay.state.core.JobListing.Cursor;
import io.reelay.state.core.JobListing.Page;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers queries about jobs from any instance: a job is read where it lives, locally or from the instance that
 * owns it; a listing asks every instance for its part and merges the pages. A request that was already forwarded
 * is answered from the local store only. A caller sees only its tenant's jobs: another tenant's job is refused
 * ({@link JobForbiddenException}) and left out of listings; forwarded requests carry the caller's key, so the owning
 * instance applies the same rule.
 */
@Singleton
public class JobQueries {

    /** Longest a long-poll may wait; clients ask again after it. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(10);

    private final JobStateLookup lookup;
    private final JobChanges changes;
    private final PeerClient peers;
    private final JsonMapper json;

    public JobQueries(JobStateLookup lookup, JobChanges changes, PeerClient peers, JsonMapper json) {
        this.lookup = lookup;
        this.changes = changes;
        this.peers = peers;
        this.json = json;
    }

    /**
     * @throws JobForbiddenException when the job belongs to another tenant than the caller's
     */
    public Optional<JobView> find(String jobId, Caller caller, boolean forwarded) {
        Optional<HostInfo> owner = forwarded ? Optional.empty() : lookup.remoteOwner(jobId);
        if (owner.isPresent()) {
            return remoteJob(owner.get(), jobId, "/jobs/" + encode(jobId), FORWARD_TIMEOUT, caller);
        }
        return lookup.find(jobId).map(caller::requireOwnerOf).map(JobView::of);
    }

    /**
     * Waits until the job's version is above {@code afterVersion} (a job not known yet has version 0, so this also
     * waits for a job to appear).
     *
     * @return the changed job, or empty when nothing changed within {@code timeout}
     * @throws JobForbiddenException as soon as the job is known to belong to another tenant than the caller's
     */
    public Optional<JobView> awaitChange(String jobId, long afterVersion, Duration timeout, Caller caller,
                                         boolean forwarded) {
        Duration wait = timeout.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : timeout;
        Optional<HostInfo> owner = forwarded ? Optional.empty() : lookup.remoteOwner(jobId);
        if (owner.isPresent()) {
            String path = "/jobs/" + encode(jobId) + "?waitForChangeAfter=" + afterVersion
                    + "&timeoutSeconds=" + wait.toSeconds();
            return remoteJob(owner.get(), jobId, path, wait.plus(FORWARD_TIMEOUT), caller);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            CompletableFuture<Void> next = changes.watch(jobId);
            try {
                Optional<JobState> job = lookup.find(jobId).map(caller::requireOwnerOf);
                if (job.isPresent() && job.get().getVersion() > afterVersion) {
                    return job.map(JobView::of);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                next.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (ExecutionException e) {
                throw new IllegalStateException("A change signal never fails", e);
            } finally {
                changes.forget(jobId, next);
            }
        }
    }

    /** One page of the caller's jobs on every instance, or on this instance only when {@code localOnly}. */
    public JobPageView list(JobListing.Query query, Caller caller, boolean localOnly) {
        List<JobState> local = new ArrayList<>();
        lookup.forEachLocal(job -> {
            if (caller.owns(job) && query.matches(job)) {
                local.add(job);
            }
        });
        Page<JobView> own = toViews(JobListing.select(local.stream(), query));
        if (localOnly) {
            return JobPageView.of(own);
        }
        List<Page<JobView>> pages = new ArrayList<>(List.of(own));
        for (HostInfo instance : lookup.otherInstances()) {
            pages.add(remotePage(instance, query, caller));
        }
        return JobPageView.of(JobListing.merge(pages, JobQueries::cursorOf, query.limit()));
    }

    private Page<JobView> remotePage(HostInfo instance, JobListing.Query query, Caller caller) {
        StringBuilder path = new StringBuilder("/jobs?scope=local&limit=").append(query.limit());
        if (query.status() != null) {
            path.append("&status=").append(query.status().name());
        }
        if (query.referenceId() != null) {
            path.append("&referenceId=").append(encode(query.referenceId()));
        }
        if (query.after() != null) {
            path.append("&cursor=").append(query.after().encode());
        }
        HttpResponse<String> response = peers.get(instance, path.toString(), FORWARD_TIMEOUT, caller);
        if (response.statusCode() != 200) {
            throw new JobStateUnavailableException("Instance " + instance + " answered " + response.statusCode()
                    + " to a listing; retry shortly", null);
        }
        JobPageView page = read(response.body(), JobPageView.class);
        return new Page<>(page.jobs(), page.nextCursor() == null ? null : Cursor.decode(page.nextCursor())
                .orElseThrow(() -> new IllegalStateException("Instance " + instance + " sent a foreign cursor")));
    }

    private Optional<JobView> remoteJob(HostInfo owner, String jobId, String path, Duration timeout, Caller caller) {
        HttpResponse<String> response = peers.get(owner, path, timeout, caller);
        return switch (response.statusCode()) {
            case 200 -> Optional.of(read(response.body(), JobView.class));
            case 404, 504 -> Optional.empty();
            case 403 -> throw new JobForbiddenException(jobId);
            default -> throw new JobStateUnavailableException("Instance " + owner + " owning this job answered "
                    + response.statusCode() + "; retry shortly", null);
        };
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new JobStateUnavailableException("Unreadable answer of another instance: " + e.getMessage(), e);
        }
    }

    private static Page<JobView> toViews(Page<JobState> page) {
        return new Page<>(page.items().stream().map(JobView::of).toList(), page.next());
    }

    private static Cursor cursorOf(JobView job) {
        return new Cursor(job.createdAt(), job.jobId());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
