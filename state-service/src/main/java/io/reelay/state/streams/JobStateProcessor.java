package io.reelay.state.streams;

import io.reelay.events.JobState;
import io.reelay.events.OutputState;
import io.reelay.state.core.JobStateChange;
import io.reelay.state.core.JobStateFolder;
import io.reelay.state.core.JobStatuses;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Folds each event into the stored state of its job and forwards the change, if there is one. Once an hour (or
 * more often for short retentions) it removes final jobs whose last change is older than the retention, forwarding
 * the removal as a change to nothing.
 */
final class JobStateProcessor implements Processor<String, SpecificRecord, String, JobStateChange> {

    private static final Logger LOG = LoggerFactory.getLogger(JobStateProcessor.class);

    private final Duration retention;
    private final Consumer<String> onChange;
    private ProcessorContext<String, JobStateChange> context;
    private KeyValueStore<String, JobState> store;

    JobStateProcessor(Duration retention, Consumer<String> onChange) {
        this.retention = retention;
        this.onChange = onChange;
    }

    @Override
    public void init(ProcessorContext<String, JobStateChange> context) {
        this.context = context;
        this.store = context.getStateStore(StateTopology.JOB_STATE_STORE);
        Duration sweep = retention.dividedBy(10).compareTo(Duration.ofHours(1)) < 0
                ? retention.dividedBy(10) : Duration.ofHours(1);
        context.schedule(sweep.isZero() ? Duration.ofSeconds(1) : sweep, PunctuationType.WALL_CLOCK_TIME,
                this::removeExpired);
    }

    private void removeExpired(long nowMillis) {
        Instant oldest = Instant.ofEpochMilli(nowMillis).minus(retention);
        List<JobState> expired = new ArrayList<>();
        try (KeyValueIterator<String, JobState> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (JobStatuses.isFinal(entry.value.getStatus()) && entry.value.getUpdatedAt().isBefore(oldest)) {
                    expired.add(entry.value);
                }
            });
        }
        for (JobState job : expired) {
            store.delete(job.getJobId());
            context.forward(new Record<>(job.getJobId(), new JobStateChange(job, null), nowMillis));
            onChange.accept(job.getJobId());
        }
        if (!expired.isEmpty()) {
            LOG.info("Removed {} final job(s) older than {}", expired.size(), retention);
        }
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.key() == null) {
            LOG.warn("Ignoring an event without a job id key: {}", record.value());
            return;
        }
        MDC.put("jobId", record.key());
        try {
            JobState before = store.get(record.key());
            JobState after = JobStateFolder.apply(before, record.value());
            if (after == null || after.equals(before)) {
                return;
            }
            store.put(record.key(), after);
            context.forward(record.withValue(new JobStateChange(before, after)));
            onChange.accept(record.key());
            logStatusChanges(before, after);
        } finally {
            MDC.remove("jobId");
        }
    }

    private static void logStatusChanges(JobState before, JobState after) {
        if (before == null || before.getStatus() != after.getStatus()) {
            LOG.info("Job {} (version {})", after.getStatus(), after.getVersion());
        }
        for (OutputState output : after.getOutputs()) {
            OutputState previous = before == null ? null : before.getOutputs().stream()
                    .filter(candidate -> candidate.getOutputId().equals(output.getOutputId()))
                    .findFirst()
                    .orElse(null);
            if (previous == null || previous.getStatus() != output.getStatus()) {
                MDC.put("outputId", output.getOutputId());
                LOG.info("Output {} ({}%)", output.getStatus(), Math.round(output.getPercent()));
                MDC.remove("outputId");
            }
        }
    }
}
