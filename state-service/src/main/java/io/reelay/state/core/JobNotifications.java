package io.reelay.state.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reelay.events.Failure;
import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.events.OutputState;
import io.reelay.events.OutputStatus;
import io.reelay.events.Usage;
import io.reelay.events.WebhookEvents;
import io.reelay.events.WebhookRequested;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which webhook notifications a change of a job's state calls for: one per output that became final
 * (READY, FAILED, REVOKED) and one when the whole job became final, as far as the job asked for them
 * ({@link WebhookEvents}). Outputs come first, so a receiver hears of the job's end last.
 * <p>
 * The delivery id is derived from the job, the output and the final status, so a notification decided twice (a
 * replayed change) carries the same id and receivers can drop the repeat.
 */
public final class JobNotifications {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<JobStatus, String> JOB_EVENTS = Map.of(
            JobStatus.COMPLETE, "job.completed",
            JobStatus.FAILED, "job.failed",
            JobStatus.REVOKED, "job.revoked");

    private static final Map<OutputStatus, String> OUTPUT_EVENTS = Map.of(
            OutputStatus.READY, "output.ready",
            OutputStatus.FAILED, "output.failed",
            OutputStatus.REVOKED, "output.revoked");

    private JobNotifications() {
    }

    public static List<WebhookRequested> decide(JobState before, JobState after) {
        List<WebhookRequested> notifications = new ArrayList<>();
        if (!hasWebhook(after)) {
            return notifications;
        }
        if (after.getWebhookEvents() != WebhookEvents.JOB) {
            after.getOutputs().stream()
                    .filter(output -> becameFinal(before, output))
                    .forEach(output -> notifications.add(outputFinished(after, output)));
        }
        if (after.getWebhookEvents() != WebhookEvents.OUTPUTS && becameFinal(before, after)) {
            notifications.add(jobFinished(after));
        }
        return notifications;
    }

    private static boolean becameFinal(JobState before, OutputState output) {
        if (!JobStatuses.isFinal(output.getStatus())) {
            return false;
        }
        return before == null || before.getOutputs().stream()
                .filter(previous -> previous.getOutputId().equals(output.getOutputId()))
                .noneMatch(previous -> JobStatuses.isFinal(previous.getStatus()));
    }

    private static boolean becameFinal(JobState before, JobState after) {
        return JobStatuses.isFinal(after.getStatus()) && (before == null || !JobStatuses.isFinal(before.getStatus()));
    }

    private static boolean hasWebhook(JobState job) {
        return job.getWebhookUrl() != null && !job.getWebhookUrl().isBlank();
    }

    private static WebhookRequested jobFinished(JobState job) {
        String event = JOB_EVENTS.get(job.getStatus());
        return notification(job, null, job.getJobId() + ":job:" + job.getStatus(), event, jobFinishedBody(job, event));
    }

    private static WebhookRequested outputFinished(JobState job, OutputState output) {
        String event = OUTPUT_EVENTS.get(output.getStatus());
        ObjectNode body = JSON.createObjectNode();
        body.put("event", event);
        body.put("jobId", job.getJobId());
        body.put("referenceId", job.getReferenceId());
        body.set("output", output(output));
        String deliveryId = job.getJobId() + ":output:" + output.getOutputId() + ":" + output.getStatus();
        return notification(job, output.getOutputId(), deliveryId, event, body);
    }

    private static WebhookRequested notification(JobState job, String outputId, String deliveryId, String event,
                                                 ObjectNode body) {
        return WebhookRequested.newBuilder()
                .setDeliveryId(deliveryId)
                .setJobId(job.getJobId())
                .setOutputId(outputId)
                .setUrl(job.getWebhookUrl())
                .setBody(write(body))
                .setRequestedAt(job.getUpdatedAt())
                .setEvent(event)
                .setSecret(job.getWebhookSecret())
                .build();
    }

    private static ObjectNode jobFinishedBody(JobState job, String event) {
        ObjectNode body = JSON.createObjectNode();
        body.put("event", event);
        body.put("jobId", job.getJobId());
        body.put("referenceId", job.getReferenceId());
        body.put("status", job.getStatus().name());
        body.set("failure", failure(job.getFailure()));
        ArrayNode outputs = body.putArray("outputs");
        job.getOutputs().forEach(output -> outputs.add(output(output)));
        return body;
    }

    private static ObjectNode output(OutputState output) {
        ObjectNode node = JSON.createObjectNode();
        node.put("outputId", output.getOutputId());
        node.put("status", output.getStatus().name());
        node.put("playlistUrl", output.getPlaylistUrl());
        node.put("manifestUrl", output.getManifestUrl());
        node.put("bytes", output.getBytes());
        node.put("objectCount", output.getObjectCount());
        node.set("usage", usage(output.getUsage()));
        node.set("failure", failure(output.getFailure()));
        return node;
    }

    private static ObjectNode usage(Usage usage) {
        if (usage == null) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("cpuSeconds", usage.getCpuSeconds());
        node.put("peakRssBytes", usage.getPeakRssBytes());
        node.put("wallSeconds", usage.getWallSeconds());
        node.put("encodedMediaSeconds", usage.getEncodedMediaSeconds());
        node.put("bytesWritten", usage.getBytesWritten());
        node.put("objectCount", usage.getObjectCount());
        return node;
    }

    private static ObjectNode failure(Failure failure) {
        if (failure == null) {
            return null;
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("reason", failure.getReason().name());
        node.put("message", failure.getMessage());
        return node;
    }

    private static String write(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            // A tree of plain values always serialises; reaching this is a bug, not bad input.
            throw new IllegalStateException("Cannot write webhook body", e);
        }
    }
}
