package io.reelay.upload;

import io.reelay.events.Revoked;
import io.reelay.events.SegmentEncoded;
import io.reelay.revoke.PartitionOwnership;
import io.reelay.revoke.Revocations;
import io.reelay.revoke.RevokeAcknowledgements;
import io.reelay.revoke.RevokeAcknowledger;
import io.reelay.storage.StoreRetries;
import io.reelay.upload.core.OutputLedger;
import io.reelay.upload.core.OutputLedger.Entry;
import io.reelay.upload.core.OutputLedger.Status;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Carries out revokes in upload. Every instance reads every revoke; the one that owns the job's segment-encoded
 * partition (or still delivers outputs of the job) stops, removes the staged files of the job or output (everything
 * under {@code <staging-prefix>/<jobId>/} or {@code <staging-prefix>/<jobId>/<outputId>/}), aborts the multipart
 * uploads left open there and under the destinations, deletes the files already copied to the destination of an
 * output that is not published yet, and, if it owns the partition, acknowledges what it did. A delivery in flight
 * ends at its next step (see {@link StoreRetries}); events of a revoked output that arrive later are skipped here.
 */
@Singleton
public class RevokeCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(RevokeCleanup.class);
    private static final String SERVICE = "upload";
    private static final BooleanSupplier NEVER_STOPPED = () -> false;

    private final Revocations revocations;
    private final DeliveryStore store;
    private final StoreRetries retries;
    private final OutputLedger ledger;
    private final JobLocks locks;
    private final PartitionOwnership ownership;
    private final RevokeAcknowledger acknowledger;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "revoke-cleanup");
        thread.setDaemon(true);
        return thread;
    });
    private final Consumer<Revoked> subscriber = this::onRevoke;

    RevokeCleanup(Revocations revocations, DeliveryStore store, StoreRetries retries, OutputLedger ledger,
                  JobLocks locks, PartitionOwnership ownership, RevokeAcknowledgements acknowledgements) {
        this.revocations = revocations;
        this.store = store;
        this.retries = retries;
        this.ledger = ledger;
        this.locks = locks;
        this.ownership = ownership;
        this.acknowledger = new RevokeAcknowledger(SERVICE, acknowledgements);
    }

    @PostConstruct
    void subscribe() {
        revocations.subscribe(subscriber);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        revocations.unsubscribe(subscriber);
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Called on the feed's thread for every revoke read. Revokes replayed at start-up were carried out by whoever
     * owned the job then; work of theirs that is still to come is skipped as it arrives.
     */
    private void onRevoke(Revoked revoke) {
        if (revocations.isCaughtUp()) {
            worker.execute(() -> carryOut(revoke));
        }
    }

    void carryOut(Revoked revoke) {
        String jobId = revoke.getJobId();
        String outputId = revoke.getOutputId();
        try (MDC.MDCCloseable job = MDC.putCloseable("jobId", jobId);
             MDC.MDCCloseable output = MDC.putCloseable("outputId", outputId)) {
            boolean owner = ownership.owns(jobId);
            if (!owner && ledger.delivering(jobId, outputId).isEmpty()) {
                return; // another instance delivers this job
            }
            locks.run(jobId, () -> {
                Cleaned cleaned = new Cleaned();
                cleanStaging(jobId, outputId, cleaned);
                int newestAttempt = 1;
                for (Entry entry : ledger.delivering(jobId, outputId)) {
                    cleanDestination(entry.jobId(), entry.outputId(), entry.destinationBucket(),
                            entry.destinationPrefix(), cleaned);
                    ledger.mark(entry.jobId(), entry.outputId(), entry.attempt(), Status.REVOKED);
                    newestAttempt = Math.max(newestAttempt, entry.attempt());
                }
                LOG.info("Revoke carried out: {} objects deleted, {} multipart uploads aborted",
                        cleaned.deletedObjects, cleaned.abortedUploads);
                if (owner) {
                    acknowledger.acknowledge(revoke, newestAttempt, counts -> counts
                            .setDeletedObjects(cleaned.deletedObjects).setAbortedUploads(cleaned.abortedUploads));
                }
            });
        } catch (RuntimeException e) {
            LOG.error("Revoke could not be carried out", e);
        }
    }

    /**
     * Skips a file of a revoked output that arrived after the revoke: drops the output's staged files and, the first
     * time this instance hears of the output, whatever of it was already copied to an unpublished destination.
     * The caller holds the job's lock.
     */
    void skip(SegmentEncoded event) {
        String jobId = event.getJobId();
        String outputId = event.getOutputId();
        LOG.info("Skipping {}: output revoked", event.getPath());
        Cleaned cleaned = new Cleaned();
        cleanStaging(jobId, outputId, cleaned);
        Optional<Entry> before = ledger.revoke(jobId, outputId, event.getAttempt(),
                event.getDestination().getBucket(), event.getDestination().getKey());
        if (before.map(entry -> entry.status() == Status.DELIVERING).orElse(true)) {
            cleanDestination(jobId, outputId, event.getDestination().getBucket(), event.getDestination().getKey(),
                    cleaned);
            LOG.info("Revoked output cleaned up: {} objects deleted, {} multipart uploads aborted",
                    cleaned.deletedObjects, cleaned.abortedUploads);
        }
    }

    private void cleanStaging(String jobId, String outputId, Cleaned cleaned) {
        String root = store.stagedRoot(jobId, outputId);
        clean("removing staged files", () -> cleaned.deleted(store.deleteAll(store.stagingBucket(), root)));
        clean("aborting staged uploads", () -> cleaned.aborted(store.abortUploads(store.stagingBucket(), root)));
    }

    /**
     * Deletes the files of an output from its destination unless the output is published (a top-level playlist or
     * MPD of it is in place: players may be using it). Only objects that delivery tagged as this output's are
     * touched, so a destination prefix shared with other content keeps that content.
     */
    private void cleanDestination(String jobId, String outputId, String bucket, String destinationPrefix,
                                  Cleaned cleaned) {
        String prefix = destinationPrefix + "/";
        clean("removing unpublished files", () -> {
            List<String> ours = store.list(bucket, prefix).stream()
                    .map(S3Object::key)
                    .filter(key -> store.head(bucket, key).map(head ->
                            jobId.equals(head.metadata().get(DeliveryStore.JOB_METADATA))
                                    && outputId.equals(head.metadata().get(DeliveryStore.OUTPUT_METADATA)))
                            .orElse(false))
                    .toList();
            boolean published = ours.stream().anyMatch(key -> key.indexOf('/', prefix.length()) < 0
                    && (key.endsWith(".m3u8") || key.endsWith(".mpd")));
            if (published) {
                LOG.info("Output {} is published already; its files stay", outputId);
                return;
            }
            ours.forEach(key -> store.delete(bucket, key));
            cleaned.deleted(ours.size());
        });
        clean("aborting destination uploads", () -> cleaned.aborted(store.abortUploads(bucket, prefix)));
    }

    /** One cleanup step, retried while the store is unavailable; a step that still fails is logged, not fatal. */
    private void clean(String step, Runnable action) {
        try {
            retries.run(step, NEVER_STOPPED, action);
        } catch (SdkException | StoreRetries.GaveUp e) {
            LOG.warn("{} failed; some of the revoked work is left behind: {}", step, e.getMessage());
        }
    }

    /** What a revoke removed from the object store. */
    private static final class Cleaned {
        int deletedObjects;
        int abortedUploads;

        void deleted(int objects) {
            deletedObjects += objects;
        }

        void aborted(int uploads) {
            abortedUploads += uploads;
        }
    }
}
