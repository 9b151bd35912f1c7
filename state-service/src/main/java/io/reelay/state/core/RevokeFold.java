package io.reelay.state.core;

import io.reelay.events.JobState;
import io.reelay.events.OutputState;
import io.reelay.events.RevokeAcknowledged;
import io.reelay.events.RevokeAcknowledgement;
import io.reelay.events.RevokeState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a revoke is recorded: when it took effect and why, then what each service reports it stopped and cleaned.
 * The instance of probe, encode and upload that owns the job's partition each acknowledges every revoke once, so
 * the revoke is complete, carried out rather than only requested, when all three have.
 */
final class RevokeFold {

    /** Services whose acknowledgements a revoke waits for. */
    static final Set<String> ACKNOWLEDGING_SERVICES = Set.of("probe", "encode", "upload");

    private RevokeFold() {
    }

    static RevokeState requested(Instant at, String reason) {
        return RevokeState.newBuilder()
                .setRequestedAt(at)
                .setReason(reason)
                .setAcknowledgements(new ArrayList<>())
                .build();
    }

    /**
     * Records an acknowledgement on the revoke it answers: the job's when it names no output, else that output's.
     * It bumps the version, so waiting clients see it, but not the job's updatedAt: the job may have ended already.
     * A report recorded before, or for a revoke the state does not hold, changes nothing.
     */
    static JobState acknowledge(JobState current, RevokeAcknowledged event) {
        JobState next = JobState.newBuilder(current).build();
        if (event.getOutputId() == null) {
            if (next.getRevoke() == null) {
                return current;
            }
            next.setRevoke(acknowledged(next.getRevoke(), event));
        } else {
            Optional<OutputState> output = JobStateFolder.output(next, event.getOutputId());
            if (output.isEmpty() || output.get().getRevoke() == null) {
                return current;
            }
            output.get().setRevoke(acknowledged(output.get().getRevoke(), event));
        }
        if (next.equals(current)) {
            return current;
        }
        next.setVersion(current.getVersion() + 1);
        return next;
    }

    private static RevokeState acknowledged(RevokeState revoke, RevokeAcknowledged event) {
        RevokeAcknowledgement report = RevokeAcknowledgement.newBuilder()
                .setService(event.getService())
                .setInstance(event.getInstance())
                .setStoppedProcesses(event.getStoppedProcesses())
                .setDeletedFiles(event.getDeletedFiles())
                .setDeletedObjects(event.getDeletedObjects())
                .setAbortedUploads(event.getAbortedUploads())
                .setAt(event.getAcknowledgedAt())
                .build();
        if (revoke.getAcknowledgements().contains(report)) {
            return revoke;
        }
        List<RevokeAcknowledgement> reports = new ArrayList<>(revoke.getAcknowledgements());
        reports.add(report);
        Set<String> services = reports.stream().map(RevokeAcknowledgement::getService).collect(Collectors.toSet());
        return RevokeState.newBuilder(revoke)
                .setAcknowledgements(reports)
                .setComplete(services.containsAll(ACKNOWLEDGING_SERVICES))
                .build();
    }
}
