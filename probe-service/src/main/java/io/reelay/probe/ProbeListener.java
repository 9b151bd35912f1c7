package io.reelay.probe;

import io.micronaut.configuration.kafka.ConsumerAware;
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
import io.reelay.revoke.PartitionOwnership;
import io.reelay.revoke.Revocations;
import io.reelay.schemas.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Probes the source of every requested job and publishes the result as a Probed event, failures included.
 *
 * <p>At least once: the offset is committed only after the Probed record was acknowledged, so a crash mid-probe
 * means the job is probed again, which is harmless since probing has no side effects. One record per poll
 * because a probe may take up to {@code reelay.probe.timeout} per try; a full batch of slow probes would overrun
 * {@code max.poll.interval.ms} and make the group rebalance in a loop. Retries cover a broker that is briefly
 * unable to take the result.
 *
 * <p>A revoked job is skipped, and one revoked mid-probe publishes nothing: the revoke is the job's answer. Before
 * taking work the listener waits (bounded) until it has read every revoke published before it started, so that a
 * restarted instance does not probe a job revoked while it was down. The partitions it is assigned tell
 * {@link PartitionOwnership} which jobs this instance answers for.
 */
@KafkaListener(groupId = "probe-service", offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "2s", retryCount = 5),
        properties = @Property(name = ConsumerConfig.MAX_POLL_RECORDS_CONFIG, value = "1"))
public class ProbeListener implements ConsumerRebalanceListener, ConsumerAware<String, JobRequested> {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeListener.class);
    // Long enough to read a large revoked topic; past it the listener works rather than stalls on a broken feed.
    private static final Duration REVOCATIONS_WAIT = Duration.ofSeconds(30);

    private final RetryingProber prober;
    private final ProbedPublisher publisher;
    private final Revocations revocations;
    private final RunningProbes running;
    private final PartitionOwnership ownership;
    private Consumer<String, JobRequested> consumer;

    public ProbeListener(RetryingProber prober, ProbedPublisher publisher, Revocations revocations,
                         RunningProbes running, PartitionOwnership ownership) {
        this.prober = prober;
        this.publisher = publisher;
        this.revocations = revocations;
        this.running = running;
        this.ownership = ownership;
    }

    @Topic(Topics.JOB_REQUESTED_NAME)
    void onJobRequested(JobRequested job) {
        MDC.put("jobId", job.getJobId());
        try {
            awaitRevocations();
            ProbeRun run = running.start(job.getJobId());
            try {
                // checked after registering: a revoke read from now on finds the run, one read before is in the table
                if (revocations.isRevoked(job.getJobId())) {
                    LOG.info("job revoked: not probed");
                    return;
                }
                Probed probed = probe(job, run);
                if (run.isRevoked()) {
                    LOG.info("job revoked while probing: nothing published");
                    return;
                }
                publisher.publish(job.getJobId(), probed);
                logResult(probed);
            } finally {
                running.finish(run);
            }
        } finally {
            MDC.remove("jobId");
        }
    }

    @Override
    public void setKafkaConsumer(Consumer<String, JobRequested> consumer) {
        this.consumer = consumer;
    }

    /** Called on the consumer's own thread, the only one that may use it. */
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        ownership.assigned(partitions, consumer.partitionsFor(Topics.JOB_REQUESTED_NAME).size());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        ownership.revoked(partitions);
    }

    private void awaitRevocations() {
        try {
            if (!revocations.awaitCaughtUp(REVOCATIONS_WAIT)) {
                LOG.warn("revocations not read up to date within {} s; probing anyway", REVOCATIONS_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading revocations; the job is probed again", e);
        }
    }

    private Probed probe(JobRequested job, ProbeRun run) {
        try {
            RetryingProber.Result result = prober.probe(job.getSource(), run);
            return ProbeDecision.probed(job, result.outcome(), result.tries(), Instant.now());
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
