package io.reelay.revoke;

import io.reelay.schemas.Topics;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionOwnershipTest {

    private static final int PARTITIONS = 6;
    private final PartitionOwnership ownership = new PartitionOwnership();

    @Test
    void ownsExactlyTheJobsWhosePartitionIsAssigned() {
        String job = "job-42";
        int partition = JobPartitions.of(job, PARTITIONS);

        ownership.assigned(List.of(partition(partition)), PARTITIONS);

        assertThat(ownership.owns(job)).isTrue();
        assertThat(ownership.owns(jobOutside(partition))).isFalse();
    }

    @Test
    void stopsOwningAJobWhenItsPartitionMovesAway() {
        String job = "job-7";
        TopicPartition partition = partition(JobPartitions.of(job, PARTITIONS));
        ownership.assigned(List.of(partition), PARTITIONS);

        ownership.revoked(List.of(partition));

        assertThat(ownership.owns(job)).isFalse();
    }

    @Test
    void ownsNothingBeforeTheFirstAssignment() {
        assertThat(ownership.owns("job-1")).isFalse();
    }

    private static TopicPartition partition(int number) {
        return new TopicPartition(Topics.JOB_REQUESTED_NAME, number);
    }

    private static String jobOutside(int partition) {
        for (int i = 0; ; i++) {
            if (JobPartitions.of("other-" + i, PARTITIONS) != partition) {
                return "other-" + i;
            }
        }
    }
}
