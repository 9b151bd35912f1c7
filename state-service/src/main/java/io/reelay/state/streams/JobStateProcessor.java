package io.reelay.state.streams;

import io.reelay.events.JobState;
import io.reelay.events.OutputState;
import io.reelay.state.core.JobStateChange;
import io.reelay.state.core.JobStateFolder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Folds each event into the stored state of its job and forwards the change, if there is one. */
final class JobStateProcessor implements Processor<String, SpecificRecord, String, JobStateChange> {

    private static final Logger LOG = LoggerFactory.getLogger(JobStateProcessor.class);

    private ProcessorContext<String, JobStateChange> context;
    private KeyValueStore<String, JobState> store;

    @Override
    public void init(ProcessorContext<String, JobStateChange> context) {
        this.context = context;
        this.store = context.getStateStore(StateTopology.JOB_STATE_STORE);
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
