package io.reelay.state.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.JobState;
import io.reelay.events.JobStatus;
import io.reelay.events.OutputState;
import io.reelay.events.OutputStatus;

import java.util.List;
import java.util.Objects;

/** Which statuses are final, and how a job's status follows from its outputs. */
public final class JobStatuses {

    private JobStatuses() {
    }

    public static boolean isFinal(JobStatus status) {
        return status == JobStatus.COMPLETE || status == JobStatus.FAILED || status == JobStatus.REVOKED;
    }

    public static boolean isFinal(OutputStatus status) {
        return status == OutputStatus.READY || status == OutputStatus.FAILED || status == OutputStatus.REVOKED;
    }

    /**
     * Sets the job's status and failure from its outputs. A job revoked as a whole is REVOKED, whatever its
     * outputs reached. Otherwise a job is final once every output is: FAILED when any failed (reporting the job's
     * own failure, such as the probe's or a timeout, or the first failed output's), else COMPLETE when any is READY
     * (outputs revoked one by one are simply not delivered), else REVOKED. Until then it shows its least advanced
     * output: QUEUED while nothing has been probed, ENCODING while any output still encodes, UPLOADING when all
     * that remain are being delivered.
     */
    static void derive(JobState job) {
        List<OutputState> outputs = job.getOutputs();
        if (job.getFailure() != null && job.getFailure().getReason() == FailureReason.REVOKED) {
            job.setStatus(JobStatus.REVOKED);
        } else if (outputs.isEmpty()) {
            job.setStatus(job.getFailure() == null ? JobStatus.QUEUED : JobStatus.FAILED);
        } else if (outputs.stream().allMatch(output -> isFinal(output.getStatus()))) {
            settleFinal(job);
        } else {
            job.setStatus(progressOf(job));
        }
    }

    private static void settleFinal(JobState job) {
        if (job.getOutputs().stream().anyMatch(output -> output.getStatus() == OutputStatus.FAILED)) {
            job.setStatus(JobStatus.FAILED);
            job.setFailure(Objects.requireNonNullElseGet(job.getFailure(),
                    () -> firstFailure(job, OutputStatus.FAILED)));
        } else if (job.getOutputs().stream().anyMatch(output -> output.getStatus() == OutputStatus.READY)) {
            job.setStatus(JobStatus.COMPLETE);
            job.setFailure(null);
        } else {
            job.setStatus(JobStatus.REVOKED);
            job.setFailure(firstFailure(job, OutputStatus.REVOKED));
        }
    }

    private static JobStatus progressOf(JobState job) {
        List<OutputStatus> open = job.getOutputs().stream()
                .map(OutputState::getStatus)
                .filter(status -> !isFinal(status))
                .toList();
        if (job.getMedia() == null && open.stream().allMatch(status -> status == OutputStatus.QUEUED)) {
            return JobStatus.QUEUED;
        }
        return open.contains(OutputStatus.QUEUED) || open.contains(OutputStatus.ENCODING)
                ? JobStatus.ENCODING
                : JobStatus.UPLOADING;
    }

    private static Failure firstFailure(JobState job, OutputStatus status) {
        return job.getOutputs().stream()
                .filter(output -> output.getStatus() == status)
                .map(OutputState::getFailure)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }
}
