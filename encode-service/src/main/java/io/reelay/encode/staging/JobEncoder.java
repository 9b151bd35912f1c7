package io.reelay.encode.staging;

import io.reelay.encode.core.AttemptOutcome;
import io.reelay.encode.core.OnFailure;
import io.reelay.encode.core.OutputAttempt;
import io.reelay.encode.core.OutputDecision;
import io.reelay.encode.core.OutputHistory;
import io.reelay.encode.core.SourceFacts;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputPlan;
import io.reelay.events.Probed;
import io.reelay.events.ThumbnailsPlan;
import io.reelay.retry.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Encodes every output of a probed job, the thumbnail set first, one after another, each until one of its attempts
 * ends it: a failure another attempt might not meet is retried after a backoff, each retry a new attempt number.
 * Outputs an earlier consumption of the same record finished are skipped, and so are revoked outputs and outputs
 * probe planned as failed (state learns of those from the revoke and the probed event themselves).
 */
public final class JobEncoder {

    /** Runs one attempt of an output. */
    @FunctionalInterface
    interface AttemptRunner {
        AttemptOutcome run(OutputAttempt attempt, OnFailure onFailure) throws InterruptedException;
    }

    /** An output of the job as the retry loop sees it, whether an output of the plan or the thumbnail set. */
    private record OutputWork(String outputId, ObjectLocation destination, boolean plannedToFail,
                              AttemptRunner runner) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(JobEncoder.class);

    private final OutputEncoder outputEncoder;
    private final ThumbnailEncoder thumbnailEncoder;
    private final Function<ObjectLocation, String> sourceInput;
    private final AttemptLedger ledger;
    private final RetryPolicy retries;
    private final RunningEncodes runningEncodes;

    /** @param sourceInput where ffmpeg reads a source from: a presigned GET URL, so nothing is downloaded first */
    public JobEncoder(OutputEncoder outputEncoder, ThumbnailEncoder thumbnailEncoder,
                      Function<ObjectLocation, String> sourceInput, AttemptLedger ledger, RetryPolicy retries,
                      RunningEncodes runningEncodes) {
        this.outputEncoder = outputEncoder;
        this.thumbnailEncoder = thumbnailEncoder;
        this.sourceInput = sourceInput;
        this.ledger = ledger;
        this.retries = retries;
        this.runningEncodes = runningEncodes;
    }

    /**
     * @throws EncodeStoppedException when the service began to stop: the job is left unfinished, to be consumed
     *                                again by whichever instance owns it next
     */
    public void encode(Probed probed) throws IOException, InterruptedException {
        runningEncodes.throwIfStopping();
        try (MDC.MDCCloseable job = MDC.putCloseable("jobId", probed.getJobId())) {
            if (probed.getFailure() != null) {
                LOG.info("probe failed ({}), nothing to encode", probed.getFailure().getReason());
                return;
            }
            Map<String, OutputHistory> histories = ledger.read(probed.getJobId());
            double duration = probed.getMedia().getDurationSeconds();
            for (OutputWork work : worksOf(probed)) {
                try (MDC.MDCCloseable output = MDC.putCloseable("outputId", work.outputId())) {
                    OutputHistory history = histories.getOrDefault(work.outputId(), OutputHistory.NONE);
                    OutputDecision decision = OutputDecision.of(work.plannedToFail(), history,
                            runningEncodes.revoked(probed.getJobId(), work.outputId()));
                    if (decision == OutputDecision.ENCODE) {
                        encodeUntilEnded(probed.getJobId(), work, history, duration);
                    } else {
                        LOG.info("output skipped: {} (attempts so far {})", decision, history.lastAttempt());
                    }
                }
            }
        } catch (RuntimeException failure) {
            // once stopping, the object store and Kafka clients close under the job: that is the stop, not a failure
            runningEncodes.throwIfStopping();
            throw failure;
        }
    }

    /** Deletes the job's attempt records; call once its probed record is committed. */
    public void forget(String jobId) throws IOException {
        ledger.forget(jobId);
    }

    private List<OutputWork> worksOf(Probed probed) {
        List<OutputWork> works = new ArrayList<>();
        ThumbnailsPlan thumbnails = probed.getThumbnails();
        if (thumbnails != null) {
            // thumbnails take seconds: capturing them first gives clients previews while the ladder encodes
            works.add(new OutputWork(thumbnails.getOutputId(), thumbnails.getDestination(),
                    thumbnails.getFailure() != null, (attempt, onFailure) -> thumbnailEncoder.encode(attempt,
                            thumbnails, sourceInput.apply(probed.getSource()), onFailure)));
        }
        SourceFacts source = SourceFacts.of(probed.getMedia());
        for (OutputPlan plan : probed.getPlan()) {
            // one URL per attempt: each must stay valid for the whole of its own encode
            works.add(new OutputWork(plan.getOutputId(), plan.getDestination(), plan.getFailure() != null,
                    (attempt, onFailure) -> outputEncoder.encode(attempt, plan, source,
                            sourceInput.apply(probed.getSource()), onFailure)));
        }
        return works;
    }

    /** Tries the output until an attempt finishes it, it is revoked, or its last retry failed (and said so). */
    private void encodeUntilEnded(String jobId, OutputWork work, OutputHistory history, double duration)
            throws IOException, InterruptedException {
        OutputHistory claimed = history;
        for (int failedTries = 0; ; ) {
            int number = claimed.nextAttempt();
            // claimed before anything is published: a successor after a crash numbers its attempt above this one
            ledger.claim(jobId, work.outputId(), number);
            claimed = claimed.withAttempt(number);
            LOG.info("encoding output attempt={}", number);
            OnFailure onFailure = retries.allows(failedTries + 1) ? OnFailure.RETRY : OnFailure.FAIL_OUTPUT;
            AttemptOutcome outcome = work.runner().run(
                    new OutputAttempt(jobId, work.outputId(), number, work.destination(), duration), onFailure);
            if (outcome == AttemptOutcome.FINISHED) {
                ledger.finish(jobId, work.outputId());
                return;
            }
            if (outcome == AttemptOutcome.REVOKED) {
                return;
            }
            failedTries++;
            Duration backoff = retries.delayBefore(failedTries);
            LOG.info("attempt {} failed, retrying in {}", number, backoff);
            if (!runningEncodes.awaitRetry(jobId, work.outputId(), backoff)) {
                LOG.info("output revoked before its retry");
                return;
            }
        }
    }
}
