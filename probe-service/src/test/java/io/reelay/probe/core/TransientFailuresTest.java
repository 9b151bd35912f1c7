package io.reelay.probe.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TransientFailuresTest {

    private static final String URL = "http://127.0.0.1:9000/in/clip.mp4?X-Amz-Signature=abc";

    @Test
    void theObjectStoreUnreachableOrOverloadedIsTransient() {
        assertThat(TransientFailures.isTransient(new ProbeOutcome.ProbeError("object store unreachable", true)))
                .isTrue();
    }

    @Test
    void aMissingForbiddenOrEmptySourceIsPermanent() {
        assertThat(TransientFailures.isTransient(new ProbeOutcome.SourceMissing())).isFalse();
        assertThat(TransientFailures.isTransient(new ProbeOutcome.SourceForbidden())).isFalse();
        assertThat(TransientFailures.isTransient(new ProbeOutcome.SourceEmpty())).isFalse();
        assertThat(TransientFailures.isTransient(new ProbeOutcome.ProbeError("cannot run ffprobe", false))).isFalse();
    }

    @Test
    void ffprobeTimingOutOrKilledBySignalIsTransient() {
        assertThat(TransientFailures.isTransient(ffprobe(-1, "", true))).as("timed out").isTrue();
        assertThat(TransientFailures.isTransient(ffprobe(139, "", false))).as("SIGSEGV").isTrue();
        assertThat(TransientFailures.isTransient(ffprobe(137, "", false))).as("SIGKILL").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Connection refused", "Connection reset by peer", "Connection timed out",
        "Server returned 5XX Server Error reply", "Server returned 503 Service Unavailable"})
    void ffprobeFailingToReachTheObjectStoreIsTransient(String error) {
        assertThat(TransientFailures.isTransient(ffprobe(1, URL + ": " + error, false))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Invalid data found when processing input", "Server returned 404 Not Found",
        "Server returned 403 Forbidden (access denied)", "moov atom not found"})
    void ffprobeRejectingTheSourceIsPermanent(String error) {
        assertThat(TransientFailures.isTransient(ffprobe(1, URL + ": " + error, false))).isFalse();
    }

    @Test
    void aSuccessfulProbeIsNotAFailureAtAll() {
        assertThat(TransientFailures.isTransient(ffprobe(0, "", false))).isFalse();
    }

    private static ProbeOutcome ffprobe(int exitCode, String stderr, boolean timedOut) {
        return new ProbeOutcome.FfprobeFinished(new ProcessResult(exitCode, "{}", stderr, timedOut,
                Duration.ofSeconds(1)), URL);
    }
}
