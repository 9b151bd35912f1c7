package io.reelay.revoke;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/**
 * The partition a job's events land in. Every topic is keyed by job id and has the same partition count, and
 * producers use Kafka's default partitioner, so one number names the job's partition on every topic: the
 * consumer-group member that owns it is the one instance doing the job's work in its service.
 */
public final class JobPartitions {

    private JobPartitions() {
    }

    public static int of(String jobId, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(jobId.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }
}
