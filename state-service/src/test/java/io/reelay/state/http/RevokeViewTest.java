package io.reelay.state.http;

import io.reelay.events.JobState;
import io.reelay.state.core.JobStateFolder;
import io.reelay.state.http.JobView.AcknowledgementView;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import static io.reelay.state.JobEvents.acknowledged;
import static io.reelay.state.JobEvents.at;
import static io.reelay.state.JobEvents.probed;
import static io.reelay.state.JobEvents.requested;
import static io.reelay.state.JobEvents.revoked;
import static org.assertj.core.api.Assertions.assertThat;

/** The job's JSON shows a revoke of the job on the job and a revoke of one output on that output. */
class RevokeViewTest {

    private static JobState fold(SpecificRecord... events) {
        JobState job = null;
        for (SpecificRecord event : events) {
            job = JobStateFolder.apply(job, event);
        }
        return job;
    }

    @Test
    void showsWhenAndWhyARevokeWasRequestedAndWhatEachServiceDid() {
        JobView job = JobView.of(fold(requested("j1", null, "hls", "dash"), probed("j1", 1, "hls", "dash"),
                revoked("j1", "dash", 2), acknowledged("j1", "dash", "encode", 1, 3), revoked("j1", null, 4)));

        assertThat(job.revoke().requestedAt()).isEqualTo(at(4));
        assertThat(job.revoke().reason()).isEqualTo("Customer cancelled");
        assertThat(job.revoke().acknowledgements()).isEmpty();
        assertThat(job.revoke().complete()).isFalse();
        OutputView dash = job.outputs().get(1);
        assertThat(dash.revoke().requestedAt()).isEqualTo(at(2));
        assertThat(dash.revoke().acknowledgements()).containsExactly(
                new AcknowledgementView("encode", "encode-host:4242", 1, 2, 3, 0, at(3)));
        assertThat(job.outputs().get(0).revoke()).isNull();
    }
}
