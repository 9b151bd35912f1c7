package io.reelay.encode.staging;

import io.reelay.encode.core.AttemptKeys;
import io.reelay.encode.core.OutputHistory;

import java.io.IOException;
import java.util.Map;

/**
 * The durable record of every output's attempts, kept in the work bucket: one empty object per attempt claimed,
 * one more once an attempt finished the output (see {@link AttemptKeys} for the layout). An instance that consumes
 * a probed record again, after the instance before it stopped or died mid-job, reads it to skip the outputs already
 * finished and to number its attempts above every attempt used before, so state ignores a dead instance's late
 * events.
 *
 * <p>Why records in the object store rather than a fan-out topic with one record per output: the attempt counter
 * has to be durable in either case, and with it the finished marker is all the fan-out would add. Records here
 * need no extra topic, keep a job on the one instance that owns its partition with its outputs in order, and live
 * in the bucket encode writes anyway. They sit under their own prefix, outside the staging prefix that upload
 * empties after delivering an attempt. Claims are not atomic: an instance still running after its partition moved
 * (a zombie) could claim the same number as its successor, a window as narrow as one list-then-put.
 */
public final class AttemptLedger {

    private final ObjectStore store;
    private final AttemptKeys keys;

    public AttemptLedger(ObjectStore store, AttemptKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    /** The history of every output of the job that has one; outputs without records are absent. */
    public Map<String, OutputHistory> read(String jobId) throws IOException {
        return keys.histories(jobId, store.keysUnder(keys.jobPrefix(jobId)));
    }

    /** Records that attempt {@code attempt} of the output starts, before it publishes anything. */
    public void claim(String jobId, String outputId, int attempt) throws IOException {
        store.putEmpty(keys.claimKey(jobId, outputId, attempt));
    }

    /** Records that the output's last event was published. */
    public void finish(String jobId, String outputId) throws IOException {
        store.putEmpty(keys.finishedKey(jobId, outputId));
    }

    /** Deletes the job's records, once its probed record is committed and will not be consumed again. */
    public void forget(String jobId) throws IOException {
        store.delete(store.keysUnder(keys.jobPrefix(jobId)));
    }
}
