package io.reelay.encode;

import io.micronaut.context.annotation.Context;
import io.reelay.encode.staging.RunningEncodes;
import io.reelay.encode.staging.StoppedWork;
import io.reelay.encode.staging.StoppingWork;
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

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Carries out every revoke this instance reads: stops the encodes and thumbnail captures it names (ffmpeg killed
 * at once, on the feed's thread; scratch files and what they staged deleted by the attempts themselves), then, once
 * they have cleaned up and when this instance owns the job's partition in the encode consumer group, acknowledges
 * it with what that took, zeros included, so each revoke gets exactly one acknowledgement from encode, sent when
 * nothing of the work is left. The waits run one after another on a thread of their own: a clean-up the object
 * store holds up must not delay the kills of the revokes read after it. Revokes replayed while the feed catches up
 * at start-up were acknowledged when they were new; they are only honoured, by the work that is skipped.
 */
@Context
class RevokeResponder {

    private static final Logger LOG = LoggerFactory.getLogger(RevokeResponder.class);
    private static final String SERVICE = "encode";

    private final Revocations revocations;
    private final RunningEncodes runningEncodes;
    private final PartitionOwnership ownership;
    private final RevokeAcknowledger acknowledger;
    private final Consumer<Revoked> subscriber = this::carryOut;
    private final ExecutorService acknowledging = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "encode-revoke-acknowledgements");
        thread.setDaemon(true);
        return thread;
    });

    RevokeResponder(Revocations revocations, RunningEncodes runningEncodes, PartitionOwnership ownership,
                    RevokeAcknowledgements acknowledgements) {
        this.revocations = revocations;
        this.runningEncodes = runningEncodes;
        this.ownership = ownership;
        this.acknowledger = new RevokeAcknowledger(SERVICE, acknowledgements);
    }

    @PostConstruct
    void subscribe() {
        revocations.subscribe(subscriber);
    }

    @PreDestroy
    void unsubscribe() {
        revocations.unsubscribe(subscriber);
        acknowledging.shutdownNow();
    }

    /** Runs on the feed's thread: nothing may escape, or the feed would stop reading revokes. */
    private void carryOut(Revoked revoke) {
        try (MDC.MDCCloseable job = MDC.putCloseable("jobId", revoke.getJobId());
             MDC.MDCCloseable output = MDC.putCloseable("outputId", revoke.getOutputId())) {
            boolean live = revocations.isCaughtUp();
            StoppingWork stopping = runningEncodes.stop(revoke.getJobId(), revoke.getOutputId());
            acknowledging.execute(() -> acknowledge(revoke, live, stopping));
        } catch (RuntimeException failed) {
            LOG.error("could not carry out a revoke", failed);
        }
    }

    private void acknowledge(Revoked revoke, boolean live, StoppingWork stopping) {
        try (MDC.MDCCloseable job = MDC.putCloseable("jobId", revoke.getJobId());
             MDC.MDCCloseable output = MDC.putCloseable("outputId", revoke.getOutputId())) {
            StoppedWork stopped = stopping.awaitCleanedUp();
            if (stopped.attempt() > 0) {
                LOG.info("revoked: stopped {} ffmpeg, deleted {} scratch files and {} staged objects",
                        stopped.stoppedProcesses(), stopped.deletedFiles(), stopped.deletedObjects());
            }
            if (live && ownership.owns(revoke.getJobId())) {
                acknowledger.acknowledge(revoke, Math.max(1, stopped.attempt()), counts -> counts
                        .setStoppedProcesses(stopped.stoppedProcesses())
                        .setDeletedFiles(stopped.deletedFiles())
                        .setDeletedObjects(stopped.deletedObjects()));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failed) {
            LOG.error("could not acknowledge a revoke", failed);
        }
    }
}
