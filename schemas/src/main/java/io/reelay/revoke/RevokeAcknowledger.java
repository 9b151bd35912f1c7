package io.reelay.revoke;

import io.reelay.events.RevokeAcknowledged;
import io.reelay.events.Revoked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Publishes one service's acknowledgements of revokes, each naming the service and this instance (host and process
 * id) and stamped when it is sent. Whether to acknowledge is the service's rule: the instance that owns the job's
 * partition ({@link PartitionOwnership}) does, once per revoke it reads live.
 */
public final class RevokeAcknowledger {

    private static final Logger LOG = LoggerFactory.getLogger(RevokeAcknowledger.class);
    private static final String INSTANCE = instanceName();

    private final String service;
    private final RevokeAcknowledgements acknowledgements;

    /** @param service the acknowledging service: probe, encode or upload */
    public RevokeAcknowledger(String service, RevokeAcknowledgements acknowledgements) {
        this.service = service;
        this.acknowledgements = acknowledgements;
    }

    /**
     * @param attempt the attempt number of the work the revoke stopped, 1 when none had started
     * @param counts  fills in what was stopped and cleaned; a count it leaves unset is 0
     */
    public void acknowledge(Revoked revoke, int attempt, Consumer<RevokeAcknowledged.Builder> counts) {
        RevokeAcknowledged.Builder acknowledgement = RevokeAcknowledged.newBuilder()
                .setJobId(revoke.getJobId())
                .setOutputId(revoke.getOutputId())
                .setService(service)
                .setInstance(INSTANCE)
                .setAttempt(attempt);
        counts.accept(acknowledgement);
        RevokeAcknowledged sent = acknowledgement.setAcknowledgedAt(Instant.now()).build();
        acknowledgements.publish(revoke.getJobId(), sent);
        LOG.info("revoke acknowledged outputId={} stoppedProcesses={} deletedFiles={} deletedObjects={}"
                + " abortedUploads={}", sent.getOutputId(), sent.getStoppedProcesses(), sent.getDeletedFiles(),
                sent.getDeletedObjects(), sent.getAbortedUploads());
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unnamed) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
