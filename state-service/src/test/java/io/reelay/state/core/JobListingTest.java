package io.reelay.state.core;

import io.reelay.events.JobRequested;
import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.state.core.JobListing.Cursor;
import io.reelay.state.core.JobListing.Page;
import io.reelay.state.core.JobListing.Query;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static io.reelay.state.JobEvents.at;
import static io.reelay.state.JobEvents.probed;
import static io.reelay.state.JobEvents.requested;
import static org.assertj.core.api.Assertions.assertThat;

class JobListingTest {

    /** Job {@code jobId} requested at {@code second}; probed (hence ENCODING) when {@code encoding}. */
    private static JobState job(String jobId, int second, String referenceId, boolean encoding) {
        JobState queued = JobStateFolder.apply(null, JobRequested.newBuilder(requested(jobId, null, "hls"))
                .setRequestedAt(at(second)).setReferenceId(referenceId).build());
        return encoding ? JobStateFolder.apply(queued, probed(jobId, second + 1, "hls")) : queued;
    }

    private static List<String> ids(Page<JobState> page) {
        return page.items().stream().map(JobState::getJobId).toList();
    }

    /** Twelve jobs; two pairs created in the same second, so the job id breaks the tie. */
    private static final List<JobState> JOBS = IntStream.range(0, 12)
            .mapToObj(i -> job("j" + (char) ('a' + i), i / 6 == 0 ? i : i - 1 + (i % 2), i % 3 == 0 ? "even" : "odd",
                    i % 2 == 0))
            .toList();

    /** Every page of {@code jobs}, following the cursor. */
    private static List<List<String>> allPages(List<List<JobState>> instances, Query first) {
        List<List<String>> pages = new ArrayList<>();
        Query query = first;
        while (true) {
            Query current = query;
            List<Page<JobState>> parts = instances.stream()
                    .map(part -> JobListing.select(part.stream(), current)).toList();
            Page<JobState> page = JobListing.merge(parts, Cursor::of, query.limit());
            pages.add(ids(page));
            if (page.next() == null) {
                return pages;
            }
            query = new Query(query.status(), query.referenceId(), query.limit(), page.next());
        }
    }

    @Test
    void listsNewestFirstWithTheJobIdBreakingTies() {
        Page<JobState> page = JobListing.select(JOBS.stream(), new Query(null, null, 100, null));

        List<JobState> expected = new ArrayList<>(JOBS);
        expected.sort((a, b) -> a.getCreatedAt().equals(b.getCreatedAt())
                ? a.getJobId().compareTo(b.getJobId()) : b.getCreatedAt().compareTo(a.getCreatedAt()));
        assertThat(ids(page)).containsExactlyElementsOf(expected.stream().map(JobState::getJobId).toList());
        assertThat(page.next()).isNull();
    }

    @Test
    void pagesOfJobsSpreadOverInstancesAreThePagesOfOneInstanceHoldingThemAll() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<List<JobState>> spread = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            JOBS.forEach(job -> spread.get(random.nextInt(3)).add(job));
            for (Query query : List.of(new Query(null, null, 5, null), new Query(JobStatus.ENCODING, null, 2, null),
                    new Query(null, "even", 1, null), new Query(JobStatus.QUEUED, "odd", 3, null))) {
                assertThat(allPages(spread, query)).as("round %d, %s", round, query)
                        .isEqualTo(allPages(List.of(JOBS), query));
            }
        }
    }

    @Test
    void followingTheCursorVisitsEveryMatchingJobOnceInOrder() {
        List<List<String>> pages = allPages(List.of(JOBS), new Query(JobStatus.ENCODING, null, 4, null));

        assertThat(pages).hasSize(2);
        assertThat(pages.get(0)).hasSize(4);
        assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(
                ids(JobListing.select(JOBS.stream(), new Query(JobStatus.ENCODING, null, 100, null))))
                .hasSize(6);
    }

    @Test
    void theLimitStaysBetweenOneAndTheMaximum() {
        assertThat(new Query(null, null, 0, null).limit()).isEqualTo(1);
        assertThat(new Query(null, null, 10_000, null).limit()).isEqualTo(JobListing.MAX_LIMIT);
    }

    @Test
    void aCursorSurvivesItsTextFormAndGarbageIsNoCursor() {
        Cursor cursor = new Cursor(Instant.parse("2025-01-01T10:00:03Z"), "job:with:colons");

        assertThat(Cursor.decode(cursor.encode())).contains(cursor);
        assertThat(Cursor.decode("!!")).isEmpty();
        assertThat(Cursor.decode("bm9jb2xvbg")).isEmpty(); // "nocolon"
    }
}
