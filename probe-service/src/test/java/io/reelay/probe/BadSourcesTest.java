package io.reelay.probe;

import io.reelay.events.FailureReason;
import io.reelay.events.JobRequested;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputPlan;
import io.reelay.events.OutputRequest;
import io.reelay.events.Probed;
import io.reelay.probe.core.FfprobeCommand;
import io.reelay.probe.core.ProbeDecision;
import io.reelay.probe.core.ProcessRunner;
import io.reelay.probe.core.TestMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sources a user can upload by mistake, probed for real (S3Proxy, ffprobe over a presigned URL): each gets a stable
 * reason and a message that says what is wrong, never a crash or a retry.
 */
class BadSourcesTest {

    @TempDir
    static Path directory;
    private static TestObjectStore store;
    private static SourceProber prober;

    @BeforeAll
    static void uploadBadSources() throws Exception {
        store = new TestObjectStore();
        store.put("random.mp4", TestMedia.randomBytes());
        store.put("half.mp4", TestMedia.truncated(directory, false));
        store.put("half-indexed.mp4", TestMedia.truncated(directory, true));
        store.put("voice.mp4", TestMedia.audioOnly(directory));
        prober = new SourceProber(store.s3(), store.presigner(),
                new FfprobeCommand(TestMedia.ffprobePath(), Duration.ofSeconds(10)), new ProcessRunner(),
                new ProbeSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), 0, Duration.ZERO, Duration.ZERO));
    }

    @AfterAll
    static void stopObjectStore() throws Exception {
        store.close();
    }

    @Test
    void randomBytesAreNotVideo() throws Exception {
        Probed probed = probe("random.mp4");

        assertThat(probed.getFailure().getReason()).isEqualTo(FailureReason.SOURCE_NOT_VIDEO);
    }

    @Test
    void anMp4CutOffBeforeItsIndexIsNotVideoAndSaysItIsIncomplete() throws Exception {
        Probed probed = probe("half.mp4");

        assertThat(probed.getFailure().getReason()).isEqualTo(FailureReason.SOURCE_NOT_VIDEO);
        assertThat(probed.getFailure().getMessage()).contains("no MP4 index").contains("incomplete");
    }

    @Test
    void anMp4CutOffAfterItsIndexIsNotVideoRatherThanAShorterEncode() throws Exception {
        Probed probed = probe("half-indexed.mp4");

        assertThat(probed.getFailure().getReason()).isEqualTo(FailureReason.SOURCE_NOT_VIDEO);
        assertThat(probed.getFailure().getMessage()).contains("incomplete").contains("bytes of media");
        assertThat(probed.getPlan()).as("nothing is planned for a cut-off file").isEmpty();
    }

    @Test
    void anAudioOnlySourceFailsEveryVideoOutputWithSourceHasNoVideo() throws Exception {
        Probed probed = probe("voice.mp4");

        assertThat(probed.getFailure()).as("the source itself is fine").isNull();
        assertThat(probed.getMedia().getStreams()).singleElement()
                .satisfies(stream -> assertThat(stream.getType()).isEqualTo("audio"));
        assertThat(probed.getPlan()).hasSize(2).allSatisfy(plan -> {
            assertThat(plan.getFailure().getReason()).isEqualTo(FailureReason.SOURCE_HAS_NO_VIDEO);
            assertThat(plan.getRenditions()).isEmpty();
        });
        assertThat(probed.getPlan()).extracting(OutputPlan::getOutputId).containsExactly("hls", "dash");
    }

    private static Probed probe(String key) throws InterruptedException {
        ObjectLocation source = new ObjectLocation(TestObjectStore.BUCKET, key);
        JobRequested job = JobRequested.newBuilder()
                .setJobId("job-bad")
                .setSource(source)
                .setOutputs(List.of(output("hls", OutputFormat.HLS_TS), output("dash", OutputFormat.DASH)))
                .setRequestedAt(Instant.now())
                .build();
        return ProbeDecision.probed(job, prober.probe(source, process -> { }), Instant.now());
    }

    private static OutputRequest output(String id, OutputFormat format) {
        return OutputRequest.newBuilder().setOutputId(id).setFormat(format)
                .setDestination(new ObjectLocation("out", "job-bad/" + id)).build();
    }
}
