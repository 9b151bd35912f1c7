package io.reelay.local.faults;

import io.reelay.local.ManagedProcess;
import io.reelay.local.e2e.Await;
import io.reelay.revoke.JobPartitions;
import io.reelay.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.reelay.local.faults.FaultStack.ENCODE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two encode instances in one consumer group, as two machines would run them: each encodes the jobs of the
 * partitions it is assigned, and when one is killed mid-encode the other takes its partitions over and finishes
 * what it was encoding.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedFaultStack.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TwoEncodersFaultTest {

    private static final String SECOND = "encode-service-2";
    private static final String GROUP = "encode-service";
    /** Enough that both instances have work queued while one of them is killed. */
    private static final int MIN_JOBS = 4;
    private static final int MAX_JOBS = 16;
    private static final Duration DEADLINE = Duration.ofMinutes(4);

    private FaultStack stack;
    private FaultJobs jobs;
    private FaultJobs.Source source;

    @BeforeAll
    void startSecondInstance(FaultStack stack) throws Exception {
        this.stack = stack;
        jobs = new FaultJobs(stack);
        source = jobs.uploadMidLength("two-encoders");
        stack.startAnother(ENCODE, SECOND);
    }

    /** The second instance is the one killed; should the test stop early, it is stopped here. */
    @AfterAll
    void stopSecondInstance() {
        if (stack != null) {
            stack.process(SECOND).close();
        }
    }

    @Test
    void twoInstancesShareTheJobsAndTheSurvivorFinishesWhatTheKilledOneEncoded() throws Exception {
        List<Set<Integer>> assignments = awaitTwoMembersWithPartitions();
        Instant started = Instant.now();
        List<String> jobIds = submitUntilEveryMemberHasWork(assignments);
        String victimJob = Await.until("the second instance encoding one of " + jobIds, DEADLINE,
                () -> jobIds.stream().filter(jobId -> encodes(stack.process(SECOND), jobId)).findFirst());

        stack.kill(SECOND);

        Outcome outcome = Outcome.await(stack, jobs, jobIds, FaultJobs.SOURCE_SECONDS, DEADLINE);
        Set<String> byFirst = jobsStartedIn(stack.process(ENCODE), jobIds);
        Set<String> bySecond = jobsStartedIn(stack.process(SECOND), jobIds);
        int victimAttempt = outcome.finals().containsKey(victimJob)
                ? FaultJobs.output(outcome.finals().get(victimJob)).path("attempt").asInt() : 0;
        FaultReport.append(outcome.row("6. two encoders, one killed", "2 encode instances in one group; the second"
                        + " killed (kill -9, with its ffmpeg) mid-encode", Duration.between(started, Instant.now()),
                "first instance encoded " + byFirst.size() + " jobs, second " + bySecond.size()
                        + " before its kill; its job finished by the first as attempt " + victimAttempt));
        assertThat(bySecond).as("the second instance took work").isNotEmpty();
        assertThat(byFirst).as("the first instance took work, the killed one's too").contains(victimJob);
        assertThat(outcome.problems()).isEmpty();
        assertThat(victimAttempt).as("the job killed mid-encode was encoded again").isGreaterThan(1);
    }

    /** The partitions of probed each of the group's two members holds, once both hold some. */
    private List<Set<Integer>> awaitTwoMembersWithPartitions() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            return Await.until("two encode instances sharing the partitions", DEADLINE, () -> {
                List<Set<Integer>> assignments = membersOf(admin).stream()
                        .map(member -> member.assignment().topicPartitions().stream()
                                .filter(partition -> partition.topic().equals(Topics.PROBED_NAME))
                                .map(TopicPartition::partition).collect(Collectors.toSet()))
                        .toList();
                return assignments.size() == 2 && assignments.stream().noneMatch(Set::isEmpty)
                        ? Optional.of(assignments) : Optional.empty();
            });
        }
    }

    private static List<MemberDescription> membersOf(Admin admin) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups()
                    .get(GROUP).get();
            return List.copyOf(group.members());
        } catch (ExecutionException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * Job ids come from ingest and the partitioner places them: jobs are submitted until the partitions of each
     * member hold at least one.
     */
    private List<String> submitUntilEveryMemberHasWork(List<Set<Integer>> assignments) {
        List<String> jobIds = new ArrayList<>();
        while (jobIds.size() < MAX_JOBS && (jobIds.size() < MIN_JOBS || !assignments.stream()
                .allMatch(partitions -> jobIds.stream().anyMatch(jobId -> partitions.contains(
                        JobPartitions.of(jobId, Topics.DEFAULT_PARTITIONS)))))) {
            jobIds.add(jobs.submit(source, "faults/two-encoders/" + jobIds.size(), FaultJobs.LADDER, null));
        }
        return jobIds;
    }

    /** Whether an ffmpeg this instance started is encoding the job right now. */
    private static boolean encodes(ManagedProcess instance, String jobId) {
        return ProcessHandle.of(instance.pid()).stream().flatMap(ProcessHandle::descendants)
                .anyMatch(child -> child.info().commandLine().map(line -> line.contains(jobId)).orElse(false));
    }

    /**
     * The jobs this instance began to encode, from its log. The line comes before ffmpeg is started: an instance
     * killed the moment its ffmpeg is seen running has always written it, not always the one after the start.
     */
    private static Set<String> jobsStartedIn(ManagedProcess instance, List<String> jobIds) {
        try {
            List<String> started = Files.readAllLines(instance.logFile()).stream()
                    .filter(line -> line.contains("msg=\"encoding output")).toList();
            return jobIds.stream().filter(jobId -> started.stream().anyMatch(line -> line.contains("jobId=" + jobId)))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
