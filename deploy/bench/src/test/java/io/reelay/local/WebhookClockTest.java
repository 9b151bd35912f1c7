package io.reelay.local;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookClockTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void notesTheFirstFinalNotificationOfAJobAndAcknowledgesEveryOne() throws Exception {
        try (WebhookClock clock = new WebhookClock()) {
            long before = System.nanoTime();

            assertThat(post(clock, "{\"event\":\"output.ready\",\"jobId\":\"j1\",\"output\":{}}")).isEqualTo(204);
            assertThat(clock.finalOf("j1")).as("an output's notification is not the job's end").isEmpty();

            assertThat(post(clock, "{\"event\":\"job.completed\",\"jobId\":\"j1\",\"status\":\"COMPLETE\"}"))
                    .isEqualTo(204);
            WebhookClock.Arrival arrival = clock.finalOf("j1").orElseThrow();
            assertThat(arrival.event()).isEqualTo("job.completed");
            assertThat(arrival.status()).isEqualTo("COMPLETE");
            assertThat(arrival.nanoTime()).isBetween(before, System.nanoTime());

            assertThat(post(clock, "{\"event\":\"job.completed\",\"jobId\":\"j1\",\"status\":\"COMPLETE\"}"))
                    .as("a repeated delivery is acknowledged").isEqualTo(204);
            assertThat(clock.finalOf("j1")).contains(arrival);
            assertThat(clock.finalOf("j2")).isEmpty();
        }
    }

    private int post(WebhookClock clock, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(clock.url()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
