package io.reelay.storage;

/**
 * Where encode stages the files of an output before upload delivers them. Keys are deterministic, so a file
 * staged twice by a retried attempt overwrites itself instead of piling up.
 */
public record StagingLayout(String bucket, String prefix) {

    public String outputPrefix(String jobId, String outputId, int attempt) {
        return prefix + "/" + jobId + "/" + outputId + "/" + attempt;
    }

    public String keyOf(String jobId, String outputId, int attempt, String path) {
        return outputPrefix(jobId, outputId, attempt) + "/" + path;
    }
}
