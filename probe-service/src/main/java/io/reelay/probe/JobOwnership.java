package io.reelay.probe;

import io.reelay.revoke.JobPartitions;
import jakarta.inject.Singleton;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The job-requested partitions this instance holds in the probe consumer group, kept up to date by the listener's
 * rebalance callbacks. The holder of a job's partition is the one instance that answers for the job, e.g. the one
 * that acknowledges its revoke.
 */
@Singleton
public class JobOwnership {

    private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();
    private volatile int partitionCount;

    void assigned(Collection<TopicPartition> assigned, int topicPartitions) {
        partitionCount = topicPartitions;
        assigned.forEach(partition -> partitions.add(partition.partition()));
    }

    void revoked(Collection<TopicPartition> revoked) {
        revoked.forEach(partition -> partitions.remove(partition.partition()));
    }

    boolean owns(String jobId) {
        int count = partitionCount;
        return count > 0 && partitions.contains(JobPartitions.of(jobId, count));
    }
}
