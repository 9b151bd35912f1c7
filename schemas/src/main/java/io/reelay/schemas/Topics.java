package io.reelay.schemas;

import io.reelay.events.JobRequested;
import io.reelay.events.JobState;
import io.reelay.events.Probed;
import io.reelay.events.RevokeAcknowledged;
import io.reelay.events.Revoked;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.Uploaded;
import io.reelay.events.WebhookAttempted;
import io.reelay.events.WebhookRequested;

import java.util.List;
import java.util.Map;

/**
 * Every topic of Reelay, in one place. All are keyed by job id and share one partition count, so the events of
 * a job land in the same partition number everywhere and Kafka Streams can join them without repartitioning.
 */
public final class Topics {

    /** Partition count every topic is created with unless configured otherwise. */
    public static final int DEFAULT_PARTITIONS = 6;

    // Names as compile-time constants, for annotations such as @KafkaListener(topics = Topics.PROBED_NAME).
    public static final String JOB_REQUESTED_NAME = "job-requested";
    public static final String PROBED_NAME = "probed";
    public static final String SEGMENT_ENCODED_NAME = "segment-encoded";
    public static final String UPLOADED_NAME = "uploaded";
    public static final String REVOKED_NAME = "revoked";
    public static final String REVOKE_ACKNOWLEDGED_NAME = "revoke-acknowledged";
    public static final String JOB_STATUS_NAME = "job-status";
    public static final String WEBHOOK_REQUESTS_NAME = "state.webhook-requests";
    public static final String WEBHOOK_RETRIES_NAME = "state.webhook-retries";
    public static final String WEBHOOK_ATTEMPTS_NAME = "state.webhook-attempts";

    public static final Topic<JobRequested> JOB_REQUESTED = event(JOB_REQUESTED_NAME, JobRequested.class);
    public static final Topic<Probed> PROBED = event(PROBED_NAME, Probed.class);
    public static final Topic<SegmentEncoded> SEGMENT_ENCODED = event(SEGMENT_ENCODED_NAME, SegmentEncoded.class);
    public static final Topic<Uploaded> UPLOADED = event(UPLOADED_NAME, Uploaded.class);
    /**
     * Read whole by every instance of probe, encode and upload, like a global table; kept long enough to outlive
     * any job that could still be running (see the job timeout).
     */
    public static final Topic<Revoked> REVOKED =
            new Topic<>(REVOKED_NAME, Revoked.class, Map.of("retention.ms", Long.toString(7L * 24 * 3600 * 1000)));

    /** What each service stopped and cleaned for a revoke. */
    public static final Topic<RevokeAcknowledged> REVOKE_ACKNOWLEDGED =
            event(REVOKE_ACKNOWLEDGED_NAME, RevokeAcknowledged.class);

    /** Latest state of every job; compacted, so it holds one record per job for downstream consumers. */
    public static final Topic<JobState> JOB_STATUS =
            new Topic<>(JOB_STATUS_NAME, JobState.class, Map.of("cleanup.policy", "compact"));

    /** Outbox of the state service: notifications decided by the topology, delivered by the dispatcher. */
    public static final Topic<WebhookRequested> WEBHOOK_REQUESTS =
            event(WEBHOOK_REQUESTS_NAME, WebhookRequested.class);

    /** Webhook notifications waiting for their next try; each record carries the earliest time of that try. */
    public static final Topic<WebhookRequested> WEBHOOK_RETRIES =
            event(WEBHOOK_RETRIES_NAME, WebhookRequested.class);

    /** Every webhook try and its outcome, reported by the dispatcher and recorded in the job's state. */
    public static final Topic<WebhookAttempted> WEBHOOK_ATTEMPTS =
            event(WEBHOOK_ATTEMPTS_NAME, WebhookAttempted.class);

    private Topics() {
    }

    /** Every topic, in pipeline order. */
    public static List<Topic<?>> all() {
        return List.of(JOB_REQUESTED, PROBED, SEGMENT_ENCODED, UPLOADED, REVOKED, REVOKE_ACKNOWLEDGED, JOB_STATUS,
                WEBHOOK_REQUESTS, WEBHOOK_RETRIES, WEBHOOK_ATTEMPTS);
    }

    private static <V> Topic<V> event(String name, Class<V> type) {
        return new Topic<>(name, type, Map.of());
    }
}
