package io.reelay.probe;

import io.reelay.events.ObjectLocation;
import io.reelay.probe.core.ProbeOutcome;
import io.reelay.probe.core.TransientFailures;
import io.reelay.retry.RetryPolicy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Probes a source, trying again with a growing wait while the failure is transient (see {@link TransientFailures})
 * and retries are left; a revoke ends it at once.
 */
@Singleton
public class RetryingProber {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingProber.class);

    private final SourceProber prober;
    private final RetryPolicy policy;

    public RetryingProber(SourceProber prober, ProbeSettings settings) {
        this.prober = prober;
        this.policy = settings.retryPolicy();
    }

    /** The last try's outcome and how many tries it took. */
    public record Result(ProbeOutcome outcome, int tries) {
    }

    Result probe(ObjectLocation source, ProbeRun run) throws InterruptedException {
        int tries = 0;
        while (true) {
            tries++;
            ProbeOutcome outcome = prober.probe(source, run::attach);
            // retry number n follows try number n
            if (run.isRevoked() || !TransientFailures.isTransient(outcome) || !policy.allows(tries)) {
                return new Result(outcome, tries);
            }
            Duration delay = policy.delayBefore(tries);
            LOG.warn("probe try {} failed transiently, retrying in {} ms: {}", tries, delay.toMillis(),
                    describe(outcome));
            if (run.awaitRevoke(delay)) {
                return new Result(outcome, tries);
            }
        }
    }

    private static String describe(ProbeOutcome outcome) {
        if (outcome instanceof ProbeOutcome.ProbeError error) {
            return error.message();
        }
        if (outcome instanceof ProbeOutcome.FfprobeFinished finished) {
            return finished.result().timedOut() ? "ffprobe timed out" : "ffprobe exited with "
                    + finished.result().exitCode();
        }
        return outcome.toString();
    }
}
