package io.reelay.probe;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.reelay.events.FailureReason;
import io.reelay.events.JobRequested;
import io.reelay.events.OutputPlan;
import io.reelay.events.Probed;
import io.reelay.events.Rendition;
import io.reelay.probe.core.ProbeDecision;
import io.reelay.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Probes the source of every requested job and publishes the result as a Probed event, failures included.
 *
 * <p>At least once: the offset is committed only after the Probed record was acknowledged, so a crash mid-probe
 * means the job is probed again, which is harmless since probing has no side effects. One record per poll
 * because a probe may take up to {@code reelay.probe.timeout}; a full batch of slow probes would overrun
 * {@code max.poll.interval.ms} and make the group rebalance in a loop. Retries cover a broker that is briefly
 * unable to take the result.
 */
@KafkaListener(groupId = "probe-service", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "2s", retryCount = 5),
        properties = @Property(name = ConsumerConfig.MAX_POLL_RECORDS_CONFIG, value = "1"))
public class ProbeListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeListener.class);

    private final SourceProber prober;
    private final ProbedPublisher publisher;

    public ProbeListener(SourceProber prober, ProbedPublisher publisher) {
        this.prober = prober;
        this.publisher = publisher;
    }

    @Topic(Topics.JOB_REQUESTED_NAME)
    void onJobRequested(JobRequested job) {
        MDC.put("jobId", job.getJobId());
        try {
            Probed probed = probe(job);
            publisher.publish(job.getJobId(), probed);
            logResult(probed);
        } finally {
            MDC.remove("jobId");
        }
    }

    private Probed probe(JobRequested job) {
        try {
            return ProbeDecision.probed(job, prober.probe(job.getSource()), Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing; the job is probed again", e);
        } catch (RuntimeException e) {
            // A bug must still end the job with an answer rather than leave it probing forever.
            LOG.error("probe failed unexpectedly", e);
            return ProbeDecision.failed(job, FailureReason.INTERNAL_ERROR, "unexpected probe error: " + e, Instant.now());
        }
    }

    private static void logResult(Probed probed) {
        if (probed.getFailure() != null) {
            LOG.info("probe failed reason={} message={}", probed.getFailure().getReason(),
                    probed.getFailure().getMessage());
            return;
        }
        String plan = probed.getPlan().stream().map(ProbeListener::describe).collect(Collectors.joining(" "));
        LOG.info("probed container={} durationSeconds={} streams={} plan={}", probed.getMedia().getContainer(),
                probed.getMedia().getDurationSeconds(), probed.getMedia().getStreams().size(), plan);
    }

    private static String describe(OutputPlan output) {
        if (output.getFailure() != null) {
            return output.getOutputId() + ":" + output.getFailure().getReason();
        }
        return output.getOutputId() + ":" + output.getRenditions().stream()
                .map(Rendition::getName).collect(Collectors.joining(","));
    }
}
