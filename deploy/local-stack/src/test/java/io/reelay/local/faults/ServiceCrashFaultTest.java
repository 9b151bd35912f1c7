package io.reelay.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelay.local.e2e.MediaProcesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.reelay.local.faults.FaultStack.ENCODE;
import static io.reelay.local.faults.FaultStack.PROBE;
import static io.reelay.local.faults.FaultStack.STATE;
import static io.reelay.local.faults.FaultStack.UPLOAD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service dies (SIGKILL with whatever it started, as if its machine had died) while it works on a job, and is
 * started again: the job completes all the same, its output plays, and nothing it staged or scratched is left. State
 * comes back without its local store and rebuilds every job's state from the changelog.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedFaultStack.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServiceCrashFaultTest {

    private static final Duration JOB_DEADLINE = Duration.ofMinutes(3);

    private FaultStack stack;
    private FaultJobs jobs;
    private FaultJobs.Source source;

    @BeforeAll
    void uploadSource(FaultStack stack) throws Exception {
        this.stack = stack;
        jobs = new FaultJobs(stack);
        source = jobs.uploadMidLength("crash");
    }

    @Test
    void encodeKilledWhileFfmpegRunsFinishesTheJobOnceStartedAgain() throws Exception {
        Instant started = Instant.now();
        String jobId = jobs.submit(source, "faults/encode-killed", FaultJobs.LADDER, null);
        JsonNode encoding = jobs.awaitState(jobId, "to have files staged while ffmpeg runs", JOB_DEADLINE,
                state -> FaultJobs.output(state).path("filesStaged").asInt() > 0 && !ffmpegOf(jobId).isEmpty());

        stack.kill(ENCODE);
        List<String> survivingFfmpeg = ffmpegOf(jobId);
        stack.startAgain(ENCODE);

        Outcome outcome = Outcome.await(stack, jobs, List.of(jobId), FaultJobs.SOURCE_SECONDS, JOB_DEADLINE);
        int finishedBy = finishingAttempt(outcome, jobId);
        FaultReport.append(outcome.row("1. encode killed mid-encode", "kill -9 of encode and its ffmpeg with "
                + FaultJobs.output(encoding).path("filesStaged").asInt() + "+ files staged; started again",
                Duration.between(started, Instant.now()), "finished by attempt " + finishedBy));
        assertThat(survivingFfmpeg).as("ffmpeg dies with its service").isEmpty();
        assertThat(outcome.problems()).isEmpty();
        assertThat(finishedBy).as("a new attempt finished the output").isGreaterThan(1);
    }

    @Test
    void probeKilledWhileFfprobeRunsFinishesTheJobOnceStartedAgain() throws Exception {
        FaultJobs.Source probed = jobs.uploadMidLength("probe-killed");
        Instant started = Instant.now();
        String jobId = jobs.submit(probed, "faults/probe-killed", FaultJobs.LADDER, null);
        awaitFfprobeReading(jobId, probed.key());

        stack.kill(PROBE);
        stack.startAgain(PROBE);

        Outcome outcome = Outcome.await(stack, jobs, List.of(jobId), FaultJobs.SOURCE_SECONDS, JOB_DEADLINE);
        FaultReport.append(outcome.row("2a. probe killed mid-probe",
                "kill -9 of probe and its ffprobe while ffprobe read the source; started again",
                Duration.between(started, Instant.now()), ""));
        assertThat(outcome.problems()).isEmpty();
    }

    @Test
    void uploadKilledMidDeliveryFinishesTheJobOnceStartedAgain() throws Exception {
        Instant started = Instant.now();
        String prefix = "faults/upload-killed";
        String jobId = jobs.submit(source, prefix, FaultJobs.LADDER, null);
        List<String> delivered = jobs.awaitMidDelivery(jobId, prefix);

        stack.kill(UPLOAD);
        stack.startAgain(UPLOAD);

        Outcome outcome = Outcome.await(stack, jobs, List.of(jobId), FaultJobs.SOURCE_SECONDS, JOB_DEADLINE);
        FaultReport.append(outcome.row("2b. upload killed mid-delivery", "kill -9 of upload with " + delivered.size()
                        + "+ files delivered and no playlist yet; started again",
                Duration.between(started, Instant.now()), ""));
        assertThat(outcome.problems()).isEmpty();
    }

    @Test
    void stateKilledMidJobRebuildsTheSameStatesFromItsChangelog() throws Exception {
        Instant started = Instant.now();
        String finishedJob = jobs.submit(source, "faults/state-before-kill", List.of("360p"), null);
        JsonNode before = jobs.awaitFinal(List.of(finishedJob), JOB_DEADLINE).get(finishedJob);
        assertThat(FaultJobs.isComplete(before)).as(String.valueOf(before)).isTrue();
        String runningJob = jobs.submit(source, "faults/state-killed", FaultJobs.LADDER, null);
        jobs.awaitState(runningJob, "to be encoding", JOB_DEADLINE,
                state -> FaultJobs.output(state).path("filesStaged").asInt() > 0);

        stack.kill(STATE);
        // a new disk, as on another machine: all the restarted instance has is the changelog
        deleteTree(stack.stateDir());
        stack.startAgain(STATE);
        JsonNode after = jobs.awaitState(finishedJob, "to be served again", JOB_DEADLINE, state -> true);

        Outcome outcome = Outcome.await(stack, jobs, List.of(finishedJob, runningJob), FaultJobs.SOURCE_SECONDS,
                JOB_DEADLINE);
        boolean same = before.equals(after);
        FaultReport.append(outcome.row("2c. state killed mid-job", "kill -9 of state while a job encoded; its"
                        + " local store deleted; started again", Duration.between(started, Instant.now()),
                "state of the finished job " + (same ? "identical" : "DIFFERENT") + " after the restart (version "
                        + after.path("version").asLong() + ")"));
        assertThat(after).as("the finished job's state, rebuilt").isEqualTo(before);
        assertThat(outcome.problems()).isEmpty();
    }

    private static int finishingAttempt(Outcome outcome, String jobId) {
        JsonNode state = outcome.finals().get(jobId);
        return state == null ? 0 : FaultJobs.output(state).path("attempt").asInt();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(dir)).toList()) {
                Files.delete(path);
            }
        }
    }

    private static List<String> ffmpegOf(String jobId) {
        try {
            return MediaProcesses.ffmpegOf(jobId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * ffprobe runs for a fraction of a second: its process is looked for far more often than states are polled, and
     * a job that got past probing unseen fails the test at once.
     */
    private void awaitFfprobeReading(String jobId, String sourceKey) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + JOB_DEADLINE.toNanos();
        for (int look = 1; MediaProcesses.ffprobeOf(sourceKey).isEmpty(); look++) {
            assertThat(System.nanoTime()).as("ffprobe seen reading " + sourceKey).isLessThan(deadline);
            if (look % 100 == 0) {
                assertThat(jobs.state(jobId).filter(state -> state.has("media")))
                        .as("job probed before its ffprobe was seen").isEmpty();
            }
            Thread.sleep(5);
        }
    }
}
