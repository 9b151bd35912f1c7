package io.reelay.upload;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.FileKind;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.Uploaded;
import io.reelay.revoke.Revocations;
import io.reelay.storage.StoreRetries;
import io.reelay.upload.DeliveryStore.Transfer;
import io.reelay.upload.core.DeliveryFailures;
import io.reelay.upload.core.DeliveryProgress;
import io.reelay.upload.core.ManifestReferences;
import io.reelay.upload.core.OutputLedger;
import io.reelay.upload.core.OutputLedger.Observation;
import io.reelay.upload.core.OutputLedger.Status;
import io.reelay.upload.core.OutputLedger.Verdict;
import io.reelay.upload.core.PlaylistReferences;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Copies staged files to their destination server-side, publishes playlists only once every file they name is in
 * place, and announces the output when its last file has landed.
 *
 * <p>Everything it decides can be decided again from the object store, so an instance that takes over a job after
 * a crash (and sees only the events after the last committed offset) carries on correctly: a file already in its
 * destination is not copied again, a playlist is checked against the destination's listing, and the last file's
 * staged copy is removed only after the output was announced, so a redelivered last event announces nothing twice.
 * Events of an attempt older than the newest one of their output are ignored and their staged files removed.
 */
@Singleton
public class OutputDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(OutputDelivery.class);
    private static final Set<FileKind> PLAYLISTS = Set.of(FileKind.PLAYLIST, FileKind.MASTER_PLAYLIST, FileKind.MANIFEST);
    private static final BooleanSupplier NEVER_STOPPED = () -> false;

    private final DeliveryStore store;
    private final StoreRetries retries;
    private final OutputLedger ledger;
    private final Revocations revocations;
    private final RevokeCleanup revokes;
    private final JobLocks locks;
    private final OutputAnnouncement announcement;
    private final UploadedPublisher publisher;
    private final Clock clock = Clock.systemUTC();
    /** At most one progress report per output per second, each after at least 256 KiB more were delivered. */
    private final DeliveryProgress progress = new DeliveryProgress(Duration.ofSeconds(1), 256 * 1024);

    OutputDelivery(DeliveryStore store, StoreRetries retries, OutputLedger ledger, Revocations revocations,
                   RevokeCleanup revokes, JobLocks locks, OutputAnnouncement announcement,
                   UploadedPublisher publisher) {
        this.store = store;
        this.retries = retries;
        this.ledger = ledger;
        this.revocations = revocations;
        this.revokes = revokes;
        this.locks = locks;
        this.announcement = announcement;
        this.publisher = publisher;
    }

    void deliver(SegmentEncoded event) {
        locks.run(event.getJobId(), () -> deliverLocked(event));
    }

    private void deliverLocked(SegmentEncoded event) {
        if (revocations.isRevoked(event.getJobId(), event.getOutputId())) {
            revokes.skip(event);
            return;
        }
        try {
            Observation seen = observe(event);
            if (seen.verdict() == Verdict.STALE) {
                LOG.info("Ignoring {} of attempt {}: attempt {} superseded it", event.getPath(), event.getAttempt(),
                        seen.newest().attempt());
                discardStaged(event.getJobId(), event.getOutputId(), event.getAttempt());
                return;
            }
            if (seen.verdict() == Verdict.SUPERSEDES) {
                LOG.info("Attempt {} supersedes attempt {}: its delivery starts over", event.getAttempt(),
                        seen.superseded());
                progress.finished(progressKey(event.getJobId(), event.getOutputId(), seen.superseded()));
                discardStaged(event.getJobId(), event.getOutputId(), seen.superseded());
            }
            if (event.getFailure() != null) {
                // the encode failed; state learns it from this same event
                ledger.mark(event.getJobId(), event.getOutputId(), event.getAttempt(), Status.FAILED);
                discardStaged(event.getJobId(), event.getOutputId(), event.getAttempt());
                return;
            }
            if (seen.newest().status() != Status.DELIVERING) {
                // this attempt is over already (its delivery failed, or it was announced and this is a duplicate)
                discardStaged(event.getJobId(), event.getOutputId(), event.getAttempt());
                return;
            }
            transfer(event);
        } catch (StoreRetries.Stopped stopped) {
            // revoked meanwhile (the revoke's cleanup, waiting for this job's lock, removes what was delivered), or
            // the service is shutting down (the record is not committed then, and the next owner delivers it)
            LOG.info("Delivery of {} stopped: {}", event.getPath(), stopped.getMessage());
        } catch (StoreRetries.GaveUp unavailable) {
            fail(event, new Failure(FailureReason.UPLOAD_FAILED, "object store unavailable: " + unavailable.getMessage()));
        } catch (S3Exception refused) {
            fail(event, DeliveryFailures.of(refused, event.getDestination().getBucket()));
        } catch (SdkException | MissingFilesException | IllegalArgumentException e) {
            fail(event, new Failure(FailureReason.UPLOAD_FAILED, e.getMessage()));
        }
    }

    /**
     * Judges the event's attempt. An output this instance does not remember (it took the job over, or forgot it)
     * is first looked up in the staging area: a newer attempt with staged files makes this event stale, and older
     * attempts' leftovers are removed.
     */
    private Observation observe(SegmentEncoded event) {
        String jobId = event.getJobId();
        String outputId = event.getOutputId();
        if (!ledger.knows(jobId, outputId)) {
            SortedSet<Integer> staged = retries.call("listing staged attempts", NEVER_STOPPED,
                    () -> store.stagedAttempts(jobId, outputId));
            int newest = staged.isEmpty() ? event.getAttempt() : Math.max(staged.last(), event.getAttempt());
            ledger.seed(jobId, outputId, newest, event.getDestination().getBucket(), event.getDestination().getKey());
            staged.headSet(newest).forEach(older -> discardStaged(jobId, outputId, older));
        }
        return ledger.observe(jobId, outputId, event.getAttempt(), event.getDestination().getBucket(),
                event.getDestination().getKey());
    }

    private void transfer(SegmentEncoded event) {
        BooleanSupplier revoked = () -> revocations.isRevoked(event.getJobId(), event.getOutputId());
        if (PLAYLISTS.contains(event.getKind())) {
            retries.run("checking " + event.getPath(), revoked, () -> requireReferencedFiles(event));
        }
        Transfer transfer = retries.call("delivering " + event.getPath(), revoked,
                () -> store.deliver(event, event.getLast()));
        if (transfer == Transfer.DISCARDED) {
            LOG.info("{} was neither staged nor delivered: this attempt's files were discarded", event.getPath());
            ledger.mark(event.getJobId(), event.getOutputId(), event.getAttempt(), Status.FAILED);
            return;
        }
        if (!event.getLast()) {
            reportProgress(event);
        } else if (transfer == Transfer.DELIVERED_BEFORE) {
            LOG.info("Output was announced before; not announcing it again");
            finished(event, Status.ANNOUNCED);
        } else {
            Uploaded uploaded = retries.call("listing the delivered output", revoked,
                    () -> announcement.of(event));
            publisher.publish(event.getJobId(), uploaded);
            LOG.info("Output delivered: {} objects, {} bytes, {} {}", uploaded.getObjectCount(), uploaded.getBytes(),
                    uploaded.getPlaylistUrl(), uploaded.getManifestUrl());
            finished(event, Status.ANNOUNCED);
        }
    }

    private void requireReferencedFiles(SegmentEncoded event) {
        String text = store.readText(event.getStaged()).orElse(null);
        if (text == null) {
            return; // published already by an earlier delivery of this same event, or discarded
        }
        String prefix = event.getDestination().getKey() + "/";
        Set<String> delivered = store.list(event.getDestination().getBucket(), prefix).stream()
                .map(object -> object.key().substring(prefix.length()))
                .collect(Collectors.toSet());
        List<String> references = event.getKind() == FileKind.MANIFEST
                ? ManifestReferences.of(event.getPath(), text) : PlaylistReferences.of(event.getPath(), text);
        List<String> missing = references.stream().filter(path -> !delivered.contains(path)).toList();
        if (!missing.isEmpty()) {
            throw new MissingFilesException(event.getPath() + " names files that were never delivered: " + missing);
        }
    }

    /** Tells how far delivery got, throttled by {@link DeliveryProgress}; state turns it into the upload percent. */
    private void reportProgress(SegmentEncoded event) {
        progress.delivered(progressKey(event.getJobId(), event.getOutputId(), event.getAttempt()),
                        event.getSizeBytes(), clock.instant())
                .ifPresent(totals -> publisher.publish(event.getJobId(), announcement.base(event)
                        .setComplete(false)
                        .setBytesDelivered(totals.bytes())
                        .setFilesDelivered(totals.files())
                        .build()));
    }

    private void fail(SegmentEncoded event, Failure failure) {
        LOG.warn("Delivery failed: {} {}", failure.getReason(), failure.getMessage());
        publisher.publish(event.getJobId(), announcement.base(event).setFailure(failure).build());
        finished(event, Status.FAILED);
    }

    /**
     * Ends an attempt: the ledger records how (even when the step that failed came before the output was known),
     * progress forgets it, and whatever encode staged for it is removed.
     */
    private void finished(SegmentEncoded event, Status status) {
        ledger.seed(event.getJobId(), event.getOutputId(), event.getAttempt(), event.getDestination().getBucket(),
                event.getDestination().getKey());
        ledger.mark(event.getJobId(), event.getOutputId(), event.getAttempt(), status);
        progress.finished(progressKey(event.getJobId(), event.getOutputId(), event.getAttempt()));
        discardStaged(event.getJobId(), event.getOutputId(), event.getAttempt());
    }

    /** Removes whatever encode staged for an output attempt; a failure here leaves files behind, never stops work. */
    private void discardStaged(String jobId, String outputId, int attempt) {
        String prefix = store.stagedAttemptPrefix(jobId, outputId, attempt);
        try {
            retries.run("removing staged files of attempt " + attempt, NEVER_STOPPED,
                    () -> store.deleteAll(store.stagingBucket(), prefix));
        } catch (SdkException | StoreRetries.GaveUp e) {
            LOG.warn("Staged files under {} were left behind: {}", prefix, e.getMessage());
        }
    }

    private static String progressKey(String jobId, String outputId, int attempt) {
        return jobId + "/" + outputId + "/" + attempt;
    }

    private static final class MissingFilesException extends RuntimeException {
        MissingFilesException(String message) {
            super(message);
        }
    }
}
