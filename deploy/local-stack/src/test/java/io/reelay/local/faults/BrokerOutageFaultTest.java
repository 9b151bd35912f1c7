package io.reelay.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelay.local.KafkaBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka broker, the only one of the cluster, stops for 20 s while a job encodes, then starts again on the same
 * port and data: every service rides it out (producers wait, consumers reconnect, Kafka Streams resumes) and the
 * job completes.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedFaultStack.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BrokerOutageFaultTest {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(3);

    private FaultStack stack;
    private FaultJobs jobs;
    private FaultJobs.Source source;

    @BeforeAll
    void uploadSource(FaultStack stack) throws Exception {
        this.stack = stack;
        jobs = new FaultJobs(stack);
        source = jobs.uploadMidLength("broker-outage");
    }

    @Test
    void aJobEncodingWhileTheBrokerIsDownForTwentySecondsCompletes() throws Exception {
        Instant started = Instant.now();
        String jobId = jobs.submit(source, "faults/broker-outage", FaultJobs.LADDER, null);
        JsonNode encoding = jobs.awaitState(jobId, "to have files staged", JOB_DEADLINE,
                state -> FaultJobs.output(state).path("filesStaged").asInt() > 0);

        Duration down = Outages.takeDown(stack, KafkaBroker.NAME, OUTAGE);

        Outcome outcome = Outcome.await(stack, jobs, List.of(jobId), FaultJobs.SOURCE_SECONDS, JOB_DEADLINE);
        FaultReport.append(outcome.row("3. Kafka broker down mid-job", "broker stopped (SIGTERM) while the job"
                + " encoded (" + FaultJobs.output(encoding).path("filesStaged").asInt() + "+ files staged), started"
                + " again after " + OUTAGE.toSeconds() + " s; unreachable for " + down.toSeconds() + " s",
                Duration.between(started, Instant.now()), ""));
        assertThat(outcome.problems()).isEmpty();
    }
}
