package io.reelay.local.faults;

import io.reelay.local.S3ProxyServer;
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
 * The object store goes away for 20 s while a job's files are being delivered, then comes back: encode (staging
 * segments) and upload (copying them) ride it out and the job completes.
 *
 * <p>The S3Proxy process itself is stopped and started again on the same port and files, rather than cut off by a
 * proxy in front of it: in-flight requests are cut and new connections refused, as when the store's server dies,
 * and the services, the presigned URLs and the players keep the one endpoint of the README stack.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedFaultStack.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StorageOutageFaultTest {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(3);

    private FaultStack stack;
    private FaultJobs jobs;
    private FaultJobs.Source source;

    @BeforeAll
    void uploadSource(FaultStack stack) throws Exception {
        this.stack = stack;
        jobs = new FaultJobs(stack);
        source = jobs.uploadMidLength("storage-outage");
    }

    @Test
    void aJobWhoseFilesAreDeliveredWhileTheStoreIsDownForTwentySecondsCompletes() throws Exception {
        Instant started = Instant.now();
        String prefix = "faults/storage-outage";
        String jobId = jobs.submit(source, prefix, FaultJobs.LADDER, null);
        List<String> delivered = jobs.awaitMidDelivery(jobId, prefix);

        Duration down = Outages.takeDown(stack, S3ProxyServer.NAME, OUTAGE);

        Outcome outcome = Outcome.await(stack, jobs, List.of(jobId), FaultJobs.SOURCE_SECONDS, JOB_DEADLINE);
        FaultReport.append(outcome.row("4. object store down mid-upload", "S3Proxy stopped (SIGTERM) with "
                        + delivered.size() + "+ files delivered and no playlist yet, started again after "
                        + OUTAGE.toSeconds() + " s; unreachable for " + down.toSeconds() + " s",
                Duration.between(started, Instant.now()), ""));
        assertThat(outcome.problems()).isEmpty();
    }
}
