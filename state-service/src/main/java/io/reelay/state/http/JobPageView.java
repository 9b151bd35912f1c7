package io.reelay.state.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.reelay.state.core.JobListing.Page;

import java.util.List;

/**
 * The JSON answer of {@code GET /jobs}: a page of jobs, newest first.
 *
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS) // an empty page still says "jobs": [] and "nextCursor": null
public record JobPageView(List<JobView> jobs, String nextCursor) {

    public JobPageView {
        jobs = jobs == null ? List.of() : jobs;
    }

    static JobPageView of(Page<JobView> page) {
        return new JobPageView(page.items(), page.next() == null ? null : page.next().encode());
    }
}
