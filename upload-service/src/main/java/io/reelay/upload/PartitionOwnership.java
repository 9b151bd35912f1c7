package io.reelay.upload;

import io.reelay.revoke.JobPartitions;
import jakarta.inject.Singleton;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The segment-encoded partitions this instance currently owns in the upload consumer group. The owner of a job's
 * partition is the one instance delivering the job, and so the one that acknowledges its revokes.
 */
@Singleton
class PartitionOwnership {

    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile int partitionCount;

    void assigned(Collection<TopicPartition> partitions, int topicPartitionCount) {
        partitionCount = topicPartitionCount;
        partitions.forEach(partition -> owned.add(partition.partition()));
    }

    void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> owned.remove(partition.partition()));
    }

    boolean owns(String jobId) {
        int count = partitionCount;
        return count > 0 && owned.contains(JobPartitions.of(jobId, count));
    }
}
