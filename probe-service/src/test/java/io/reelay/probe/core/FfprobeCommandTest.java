package io.reelay.probe.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FfprobeCommandTest {

    private final FfprobeCommand command = new FfprobeCommand("/opt/ffprobe", Duration.ofSeconds(30));

    @Test
    void probesALocalFileWithJsonFormatAndStreams() {
        assertThat(command.argumentsFor("/data/in.mp4")).containsExactly(
                "/opt/ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                "/data/in.mp4");
    }

    @Test
    void boundsReadsAndRetriesConnectionsForAnHttpSource() {
        String url = "http://127.0.0.1:9000/in/video.mp4?X-Amz-Signature=abc&X-Amz-Expires=3600";

        List<String> arguments = command.argumentsFor(url);

        assertThat(arguments).containsSubsequence("-rw_timeout", "30000000");
        assertThat(arguments).containsSubsequence("-reconnect", "1");
        assertThat(arguments).containsSubsequence("-reconnect_on_network_error", "1");
        assertThat(arguments).containsSubsequence("-reconnect_max_retries", "3");
        assertThat(arguments).endsWith("-print_format", "json", "-show_format", "-show_streams", url);
        assertThat(arguments).as("the URL is one argument, never split or quoted").contains(url);
    }
}
