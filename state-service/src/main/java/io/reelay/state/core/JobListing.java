package io.reelay.state.core;

import io.reelay.events.JobState;
import io.reelay.events.JobStatus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Lists jobs newest first, with filters and cursor paging that stay correct when every instance of the state service
 * holds only part of the jobs: each instance selects its own page after the cursor, and merging those pages yields
 * exactly the page one instance holding every job would have selected. The order is (createdAt descending, jobId),
 * a total order, so a cursor is just the position of the last job returned.
 */
public final class JobListing {

    public static final int MAX_LIMIT = 100;

    /** Filters and page of a listing; null filters match every job. */
    public record Query(JobStatus status, String referenceId, int limit, Cursor after) {

        public Query {
            limit = Math.max(1, Math.min(MAX_LIMIT, limit));
        }

        public boolean matches(JobState job) {
            return (status == null || job.getStatus() == status)
                    && (referenceId == null || referenceId.equals(job.getReferenceId()))
                    && (after == null || after.isBefore(Cursor.of(job)));
        }
    }

    /** A position in the listing order; opaque to clients. */
    public record Cursor(Instant createdAt, String jobId) implements Comparable<Cursor> {

        private static final Comparator<Cursor> ORDER = Comparator.comparing(Cursor::createdAt).reversed()
                .thenComparing(Cursor::jobId);

        public static Cursor of(JobState job) {
            return new Cursor(job.getCreatedAt(), job.getJobId());
        }

        @Override
        public int compareTo(Cursor other) {
            return ORDER.compare(this, other);
        }

        boolean isBefore(Cursor other) {
            return compareTo(other) < 0;
        }

        public String encode() {
            String plain = createdAt.toEpochMilli() + ":" + jobId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        /** @return the cursor, or empty when {@code text} is not one this class wrote */
        public static Optional<Cursor> decode(String text) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int colon = plain.indexOf(':');
                return Optional.of(new Cursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
                        plain.substring(colon + 1)));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                return Optional.empty();
            }
        }
    }

    /** Up to a limit of items, and where the next page starts (null on the last page). */
    public record Page<T>(List<T> items, Cursor next) {
    }

    private JobListing() {
    }

    /** The page of {@code jobs} (in any order) that {@code query} asks for. */
    public static Page<JobState> select(Stream<JobState> jobs, Query query) {
        List<JobState> matching = jobs.filter(query::matches)
                .sorted(Comparator.comparing(Cursor::of))
                .limit(query.limit() + 1L)
                .toList();
        return cut(matching, Cursor::of, query.limit(), false);
    }

    /** Merges the pages that several instances selected for the same query into the page of the whole table. */
    public static <T> Page<T> merge(List<Page<T>> pages, Function<T, Cursor> cursorOf, int limit) {
        List<T> all = new ArrayList<>();
        pages.forEach(page -> all.addAll(page.items()));
        all.sort(Comparator.comparing(cursorOf));
        boolean anyHasMore = pages.stream().anyMatch(page -> page.next() != null);
        return cut(all, cursorOf, limit, anyHasMore);
    }

    private static <T> Page<T> cut(List<T> sorted, Function<T, Cursor> cursorOf, int limit, boolean moreElsewhere) {
        if (sorted.size() <= limit && !moreElsewhere) {
            return new Page<>(sorted, null);
        }
        List<T> items = sorted.subList(0, Math.min(limit, sorted.size()));
        return new Page<>(List.copyOf(items), items.isEmpty() ? null : cursorOf.apply(items.get(items.size() - 1)));
    }
}
