package io.reelay.local.faults;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a scenario's jobs ended, checked the same way for every scenario: each job COMPLETE with its output READY,
 * every entry of its published playlists resolving over HTTP, each rendition playing as long as the source, none of
 * its records parked on a dead-letter topic, and nothing of the job left in the work bucket or the scratch dir.
 *
 * @param finals    the final state of each job that got one
 * @param published what a player reads of each complete job's output
 * @param problems  every check that failed, one line each
 */
record Outcome(List<String> jobIds, Map<String, JsonNode> finals, Map<String, PublishedOutput> published,
               Leftovers leftovers, List<String> problems) {

    /** Segments are cut at key frames; the last may be short, and audio may run a frame longer than video. */
    private static final double DURATION_TOLERANCE = 1.5;
    private static final Duration CLEAN_UP_DEADLINE = Duration.ofSeconds(60);

    /** Waits for the jobs (each from a source {@code sourceSeconds} long) to end, then checks them. */
    static Outcome await(FaultStack stack, FaultJobs jobs, List<String> jobIds, int sourceSeconds, Duration deadline)
            throws InterruptedException {
        Map<String, JsonNode> finals = jobs.awaitFinal(jobIds, deadline);
        List<String> problems = new ArrayList<>();
        Map<String, PublishedOutput> published = new LinkedHashMap<>();
        for (String jobId : jobIds) {
            JsonNode state = finals.get(jobId);
            if (!FaultJobs.isComplete(state)) {
                problems.add(jobId + " did not complete: " + (state == null ? "not final in " + deadline : state));
                continue;
            }
            JsonNode output = FaultJobs.output(state);
            if (!output.path("status").asText().equals("READY")) {
                problems.add(jobId + " output is " + output.path("status").asText());
                continue;
            }
            PublishedOutput read = PublishedOutput.read(output.path("playlistUrl").asText());
            published.put(jobId, read);
            read.failures().forEach(failure -> problems.add(jobId + ": " + failure));
            read.playedSeconds().forEach((playlist, seconds) -> {
                if (Math.abs(seconds - sourceSeconds) > DURATION_TOLERANCE) {
                    problems.add(jobId + ": " + playlist + " plays " + seconds + " s of a " + sourceSeconds
                            + " s source");
                }
            });
        }
        DeadLetters.parkedFor(stack.kafkaBootstrapServers(), jobIds)
                .forEach(letter -> problems.add("parked on a dead-letter topic: " + letter));
        Leftovers leftovers = Leftovers.awaitNone(stack, jobIds, CLEAN_UP_DEADLINE);
        if (!leftovers.none()) {
            problems.add("left over: " + leftovers.describe());
        }
        return new Outcome(List.copyOf(jobIds), finals, published, leftovers, problems);
    }

    int completed() {
        return (int) finals.values().stream().filter(FaultJobs::isComplete).count();
    }

    /** The report's row for this outcome; {@code notes} (e.g. what else was seen) go after the leftovers. */
    FaultReport.Row row(String scenario, String broken, Duration wallTime, String notes) {
        String leftOver = leftovers.describe() + (notes == null || notes.isBlank() ? "" : "; " + notes);
        return new FaultReport.Row(scenario, broken, jobIds.size(), completed(), leftOver, wallTime);
    }
}
