package io.reelay.encode;

import io.reelay.revoke.JobPartitions;
import jakarta.inject.Singleton;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partitions this instance's encode consumer owns right now. Every topic is keyed by job id with one partition
 * count, so owning a partition of probed means owning the jobs in it: this instance is the one that answers for
 * them, in particular the one that acknowledges their revokes.
 */
@Singleton
public class PartitionOwnership {

    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile int partitionCount;

    /** True when the job's partition is assigned to this instance. */
    public boolean ownsJob(String jobId) {
        int count = partitionCount;
        return count > 0 && owned.contains(JobPartitions.of(jobId, count));
    }

    void assigned(Collection<TopicPartition> partitions, int partitionCount) {
        this.partitionCount = partitionCount;
        partitions.forEach(partition -> owned.add(partition.partition()));
    }

    void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> owned.remove(partition.partition()));
    }
}
