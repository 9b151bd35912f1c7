package io.reelay.probe.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ffprobe invocation that reports a source's container and streams as JSON.
 *
 * @param binary      path of the ffprobe executable
 * @param readTimeout longest a single network read may stall before ffprobe gives up on an HTTP source
 */
public record FfprobeCommand(String binary, Duration readTimeout) {

    /** Arguments for probing {@code source}, a local path or an http(s) URL such as a presigned GET. */
    public List<String> argumentsFor(String source) {
        List<String> arguments = new ArrayList<>(List.of(binary, "-v", "error"));
        if (isHttp(source)) {
            // Without -rw_timeout a stalled object store hangs ffprobe until the overall timeout kills it.
            // The reconnect options ride out a dropped connection or a transient 5xx (S3's 503 SlowDown) instead
            // of failing the job; the retry count bounds how long that can take.
            arguments.addAll(List.of(
                    "-rw_timeout", Long.toString(readTimeout.toNanos() / 1_000),
                    "-reconnect", "1",
                    "-reconnect_on_network_error", "1",
                    "-reconnect_on_http_error", "5xx",
                    "-reconnect_max_retries", "3",
                    "-reconnect_delay_max", "4"));
        }
        arguments.addAll(List.of("-print_format", "json", "-show_format", "-show_streams", source));
        return List.copyOf(arguments);
    }

    private static boolean isHttp(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }
}
