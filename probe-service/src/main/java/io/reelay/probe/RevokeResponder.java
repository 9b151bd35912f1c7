package io.reelay.probe;

import io.micronaut.context.annotation.Context;
import io.reelay.events.Revoked;
import io.reelay.revoke.PartitionOwnership;
import io.reelay.revoke.Revocations;
import io.reelay.revoke.RevokeAcknowledgements;
import io.reelay.revoke.RevokeAcknowledger;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Carries out revokes on this instance: a revoked job's running ffprobe is killed (its listener then publishes
 * nothing for it), and the instance that holds the job's partition acknowledges the revoke, once.
 *
 * <p>Every instance reads the whole revoked topic from the beginning when it starts. Revokes that were already
 * there were acknowledged by whoever held the job then, so only revokes published after this instance started
 * (or read once it has caught up with the topic) are acknowledged here. Probe has no files or objects to clean, so
 * an acknowledgement reports only the processes it stopped.
 */
@Context
public class RevokeResponder implements Consumer<Revoked> {

    private static final String SERVICE = "probe";

    private static final Logger LOG = LoggerFactory.getLogger(RevokeResponder.class);

    private final Revocations revocations;
    private final RunningProbes running;
    private final PartitionOwnership ownership;
    private final RevokeAcknowledger acknowledger;
    private final Instant startedAt = Instant.now();

    RevokeResponder(Revocations revocations, RunningProbes running, PartitionOwnership ownership,
                    RevokeAcknowledgements acknowledgements) {
        this.revocations = revocations;
        this.running = running;
        this.ownership = ownership;
        this.acknowledger = new RevokeAcknowledger(SERVICE, acknowledgements);
    }

    @PostConstruct
    void subscribe() {
        revocations.subscribe(this);
    }

    @PreDestroy
    void unsubscribe() {
        revocations.unsubscribe(this);
    }

    @Override
    public void accept(Revoked revoke) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", revoke.getJobId())) {
            // an output revoke leaves the probe running: the job's other outputs still need it
            int stopped = revoke.getOutputId() == null ? running.revoke(revoke.getJobId()) : 0;
            if (stopped > 0) {
                LOG.info("revoked: killed the running ffprobe");
            }
            if (ownership.owns(revoke.getJobId()) && isNew(revoke)) {
                acknowledger.acknowledge(revoke, revoke.getAttempt(), counts -> counts.setStoppedProcesses(stopped));
            }
        } catch (RuntimeException e) {
            // the feed thread must survive; the revoke stays in the table, so the job's work is skipped anyway
            LOG.error("could not carry out a revoke", e);
        }
    }

    private boolean isNew(Revoked revoke) {
        return !revoke.getRevokedAt().isBefore(startedAt) || revocations.isCaughtUp();
    }
}
