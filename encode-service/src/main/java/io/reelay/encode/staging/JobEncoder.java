package io.reelay.encode.staging;

import io.reelay.encode.core.OutputAttempt;
import io.reelay.encode.core.SourceFacts;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputPlan;
import io.reelay.events.Probed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.function.Function;

/**
 * Encodes every output of a probed job, one after another. A job whose probe failed has nothing to encode,
 * and an output the plan already marks as failed is skipped: state knows both from the probed event itself.
 */
public final class JobEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(JobEncoder.class);
    // Retries of an output attempt do not exist yet; every encode is the first attempt.
    private static final int FIRST_ATTEMPT = 1;

    private final OutputEncoder outputEncoder;
    private final Function<ObjectLocation, String> sourceInput;

    /** @param sourceInput where ffmpeg reads a source from: a presigned GET URL, so nothing is downloaded first */
    public JobEncoder(OutputEncoder outputEncoder, Function<ObjectLocation, String> sourceInput) {
        this.outputEncoder = outputEncoder;
        this.sourceInput = sourceInput;
    }

    public void encode(Probed probed) throws InterruptedException {
        MDC.put("jobId", probed.getJobId());
        try {
            if (probed.getFailure() != null) {
                LOG.info("probe failed ({}), nothing to encode", probed.getFailure().getReason());
                return;
            }
            SourceFacts source = SourceFacts.of(probed.getMedia());
            for (OutputPlan plan : probed.getPlan()) {
                encodeOutput(probed, plan, source);
            }
        } finally {
            MDC.remove("jobId");
        }
    }

    private void encodeOutput(Probed probed, OutputPlan plan, SourceFacts source) throws InterruptedException {
        MDC.put("outputId", plan.getOutputId());
        try {
            if (plan.getFailure() != null) {
                LOG.info("output skipped, planned as failed ({})", plan.getFailure().getReason());
                return;
            }
            LOG.info("encoding output renditions={}", plan.getRenditions().size());
            OutputAttempt attempt = new OutputAttempt(probed.getJobId(), plan.getOutputId(), FIRST_ATTEMPT,
                    plan.getDestination(), source.durationSeconds());
            // one URL per output: each must stay valid for the whole of its own encode
            outputEncoder.encode(attempt, plan, source, sourceInput.apply(probed.getSource()));
        } finally {
            MDC.remove("outputId");
        }
    }
}
