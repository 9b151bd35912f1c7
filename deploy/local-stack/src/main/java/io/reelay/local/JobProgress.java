package io.reelay.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The part of state's {@code GET /jobs/{id}} answer the launcher shows. */
record JobProgress(String jobId, String status, List<Output> outputs, String failure) {

    private static final Set<String> TERMINAL = Set.of("COMPLETE", "FAILED", "REVOKED");

    /** One output: {@code percent} runs 0 to 100 within the current status (encoding, then uploading). */
    record Output(String outputId, String status, double percent, String playlistUrl, String failure) {
    }

    static JobProgress from(String jobId, JsonNode job) {
        List<Output> outputs = new ArrayList<>();
        for (JsonNode output : job.path("outputs")) {
            outputs.add(new Output(output.path("outputId").asText("?"), output.path("status").asText("QUEUED"),
                    output.path("percent").asDouble(0), textOrNull(output.path("playlistUrl")),
                    failureOf(output.path("failure"))));
        }
        return new JobProgress(jobId, job.path("status").asText("QUEUED"), List.copyOf(outputs),
                failureOf(job.path("failure")));
    }

    boolean finished() {
        return TERMINAL.contains(status);
    }

    /** A failure as state reports it: an object with a reason code and a message, or plain text. */
    private static String failureOf(JsonNode failure) {
        if (failure.isObject()) {
            String reason = failure.path("reason").asText("");
            String message = failure.path("message").asText("");
            return message.isEmpty() ? reason : reason.isEmpty() ? message : reason + ": " + message;
        }
        return textOrNull(failure);
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
