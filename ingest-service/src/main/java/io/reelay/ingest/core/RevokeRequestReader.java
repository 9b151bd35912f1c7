package io.reelay.ingest.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Checks a revoke request and reports every offending field at once, like a job submission. */
public final class RevokeRequestReader {

    public static final int MAX_JOB_IDS = 100;
    public static final int MAX_JOB_ID_LENGTH = 256;
    public static final int MAX_REASON_LENGTH = 1000;

    private RevokeRequestReader() {
    }

    /**
     * The request with each job id once, in the order given, and its reason trimmed (null when blank).
     *
     * @throws InvalidJobException naming every offending field
     */
    public static RevokeRequest read(RevokeRequest request) {
        List<FieldError> errors = new ArrayList<>();
        List<String> jobIds = request.jobIds();
        if (jobIds == null || jobIds.isEmpty()) {
            errors.add(new FieldError("jobIds", "is required: 1 to " + MAX_JOB_IDS + " job ids"));
        } else if (jobIds.size() > MAX_JOB_IDS) {
            errors.add(new FieldError("jobIds", "at most " + MAX_JOB_IDS + " job ids per request"));
        } else {
            for (int i = 0; i < jobIds.size(); i++) {
                String jobId = jobIds.get(i);
                if (jobId == null || jobId.isBlank()) {
                    errors.add(new FieldError("jobIds[" + i + "]", "must not be blank"));
                } else if (jobId.length() > MAX_JOB_ID_LENGTH) {
                    errors.add(new FieldError("jobIds[" + i + "]", "at most " + MAX_JOB_ID_LENGTH + " characters"));
                }
            }
        }
        String reason = reason(request.reason(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidJobException(errors);
        }
        return new RevokeRequest(List.copyOf(new LinkedHashSet<>(jobIds)), reason);
    }

    /**
     * The reason of a single-output revoke, trimmed; null when none was given.
     *
     * @throws InvalidJobException when it is too long
     */
    public static String reason(String reason) {
        List<FieldError> errors = new ArrayList<>();
        String read = reason(reason, errors);
        if (!errors.isEmpty()) {
            throw new InvalidJobException(errors);
        }
        return read;
    }

    private static String reason(String reason, List<FieldError> errors) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            errors.add(new FieldError("reason", "at most " + MAX_REASON_LENGTH + " characters"));
        }
        return reason.trim();
    }
}
