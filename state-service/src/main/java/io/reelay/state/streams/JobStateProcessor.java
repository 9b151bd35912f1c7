package io.reelay.state.streams;

import io.reelay.events.JobRequested;
import io.reelay.events.JobState;
import io.reelay.events.OutputState;
import io.reelay.state.core.JobStateChange;
import io.reelay.state.core.JobStateFolder;
import io.reelay.state.core.JobStatuses;
import io.reelay.state.core.JobTimeouts;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
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
 * Folds each event into the stored state of its job and forwards the change, if there is one. An event read before
 * its job's request is held (see {@link HeldEvents}) and folded right after the request, each step forwarded as
 * its own change. Once an hour (or more often for a short retention or timeout) it sweeps the store: final jobs
 * whose last change is older than the retention are removed, the removal forwarded as a change to nothing; jobs
 * still not final the timeout after they were requested fail with JOB_TIMEOUT, forwarded like any change; events
 * held for longer than the timeout are dropped.
 */
final class JobStateProcessor implements Processor<String, SpecificRecord, String, JobStateChange> {

    private static final Logger LOG = LoggerFactory.getLogger(JobStateProcessor.class);

    private final Duration retention;
    private final Duration timeout;
    private final Consumer<String> onChange;
    private ProcessorContext<String, JobStateChange> context;
    private KeyValueStore<String, JobState> store;
    private HeldEvents heldEvents;

    JobStateProcessor(Duration retention, Duration timeout, Consumer<String> onChange) {
        this.retention = retention;
        this.timeout = timeout;
        this.onChange = onChange;
    }

    @Override
    public void init(ProcessorContext<String, JobStateChange> context) {
        this.context = context;
        this.store = context.getStateStore(StateTopology.JOB_STATE_STORE);
        this.heldEvents = new HeldEvents(context.getStateStore(StateTopology.HELD_EVENTS_STORE));
        Duration shortest = retention.compareTo(timeout) < 0 ? retention : timeout;
        Duration sweep = shortest.dividedBy(10).compareTo(Duration.ofHours(1)) < 0
                ? shortest.dividedBy(10) : Duration.ofHours(1);
        context.schedule(sweep.isZero() ? Duration.ofSeconds(1) : sweep, PunctuationType.WALL_CLOCK_TIME,
                this::sweep);
    }

    private void sweep(long nowMillis) {
        Instant now = Instant.ofEpochMilli(nowMillis);
        Instant oldest = now.minus(retention);
        List<JobState> expired = new ArrayList<>();
        List<JobState> overdue = new ArrayList<>();
        try (KeyValueIterator<String, JobState> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (JobStatuses.isFinal(entry.value.getStatus()) && entry.value.getUpdatedAt().isBefore(oldest)) {
                    expired.add(entry.value);
                } else if (JobTimeouts.isOverdue(entry.value, now, timeout)) {
                    overdue.add(entry.value);
                }
            });
        }
        removeExpired(expired, nowMillis);
        int dropped = heldEvents.dropHeldBefore(now.minus(timeout));
        if (dropped > 0) {
            LOG.warn("Dropped {} event(s) held for {} without their job's request", dropped, timeout);
        }
        for (JobState job : overdue) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", job.getJobId())) {
                store(job.getJobId(), job, JobTimeouts.timeOut(job, now, timeout), nowMillis);
            }
        }
    }

    private void removeExpired(List<JobState> expired, long nowMillis) {
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
            if (before == null && !(record.value() instanceof JobRequested)) {
                hold(record);
                return;
            }
            store(record.key(), before, JobStateFolder.apply(before, record.value()), record.timestamp());
            if (record.value() instanceof JobRequested) {
                foldHeld(record.key(), record.timestamp());
            }
        } finally {
            MDC.remove("jobId");
        }
    }

    private void hold(Record<String, SpecificRecord> record) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        heldEvents.hold(record.key(), record.value(), record.timestamp(),
                StateTopology.EVENT_TOPICS.indexOf(metadata.topic()), metadata.offset(),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        LOG.info("Holding {} until the job's request arrives", record.value().getSchema().getName());
    }

    private void foldHeld(String jobId, long timestamp) {
        List<SpecificRecord> held = heldEvents.release(jobId);
        for (SpecificRecord event : held) {
            JobState before = store.get(jobId);
            store(jobId, before, JobStateFolder.apply(before, event), timestamp);
        }
        if (!held.isEmpty()) {
            LOG.info("Folded {} event(s) held until the request arrived", held.size());
        }
    }

    /** Stores and forwards a job's new state, unless nothing changed. */
    private void store(String jobId, JobState before, JobState after, long timestamp) {
        if (after == null || after.equals(before)) {
            return;
        }
        store.put(jobId, after);
        context.forward(new Record<>(jobId, new JobStateChange(before, after), timestamp));
        onChange.accept(jobId);
        logStatusChanges(before, after);
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
