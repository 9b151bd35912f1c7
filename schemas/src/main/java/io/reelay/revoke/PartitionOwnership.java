package io.reelay.revoke;

import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partitions this instance holds right now in its service's work consumer group, kept current by that
 * listener's rebalance callbacks. Every topic is keyed by job id with one partition count (see
 * {@link JobPartitions}), so holding a partition means answering for the jobs in it: this instance is the one that
 * acknowledges their revokes.
 */
public final class PartitionOwnership {

    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile int partitionCount;

    /** @param topicPartitionCount how many partitions the listener's topic has */
    public void assigned(Collection<TopicPartition> partitions, int topicPartitionCount) {
        partitionCount = topicPartitionCount;
        partitions.forEach(partition -> owned.add(partition.partition()));
    }

    public void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> owned.remove(partition.partition()));
    }

    /** True when the job's partition is assigned to this instance. */
    public boolean owns(String jobId) {
        int count = partitionCount;
        return count > 0 && owned.contains(JobPartitions.of(jobId, count));
    }
}
