package io.reelay.encode.core;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the attempt records of outputs live in the object store: {@code <root>/<job>/<output>/<n>} for each
 * attempt claimed, and {@code <root>/<job>/<output>/done} once an attempt finished the output. Ids are
 * URL-encoded, so an id holding a slash cannot be mistaken for another job's or output's records.
 */
public final class AttemptKeys {

    private static final String FINISHED = "done";

    private final String root;

    public AttemptKeys(String root) {
        this.root = root;
    }

    /** Every record of the job is under this prefix. */
    public String jobPrefix(String jobId) {
        return root + "/" + encode(jobId) + "/";
    }

    public String claimKey(String jobId, String outputId, int attempt) {
        return outputPrefix(jobId, outputId) + attempt;
    }

    public String finishedKey(String jobId, String outputId) {
        return outputPrefix(jobId, outputId) + FINISHED;
    }

    /**
     * The history of every output of the job that has records, from the keys listed under {@link #jobPrefix}.
     * Keys that are not records (written by something else) are ignored.
     */
    public Map<String, OutputHistory> histories(String jobId, List<String> keys) {
        String prefix = jobPrefix(jobId);
        Map<String, OutputHistory> histories = new HashMap<>();
        for (String key : keys) {
            int slash = key.lastIndexOf('/');
            if (!key.startsWith(prefix) || slash < prefix.length()) {
                continue;
            }
            String outputId = decode(key.substring(prefix.length(), slash));
            String record = key.substring(slash + 1);
            OutputHistory history = histories.getOrDefault(outputId, OutputHistory.NONE);
            if (record.equals(FINISHED)) {
                histories.put(outputId, history.asFinished());
            } else if (record.matches("[1-9][0-9]{0,8}")) {
                histories.put(outputId, history.withAttempt(Integer.parseInt(record)));
            }
        }
        return histories;
    }

    private String outputPrefix(String jobId, String outputId) {
        return jobPrefix(jobId) + encode(outputId) + "/";
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static String decode(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }
}
