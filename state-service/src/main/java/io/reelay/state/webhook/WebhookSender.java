package io.reelay.state.webhook;

import io.reelay.events.WebhookRequested;
import io.reelay.state.core.WebhookSignature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;

/**
 * Makes one try to POST a notification. Receivers see the same {@value #DELIVERY_ID_HEADER} on every try, so they
 * can acknowledge a repeat without acting on it twice, and a {@value WebhookSignature#HEADER} made with the job's
 * secret or else the service-wide one (none when neither is set).
 */
public final class WebhookSender {

    public static final String DELIVERY_ID_HEADER = "Reelay-Delivery-Id";

    /** The outcome of one try: acknowledged (2xx) or not, the HTTP status (0 without an answer), and why not. */
    public record Result(boolean acknowledged, int statusCode, String problem) {
    }

    private final HttpClient client;
    private final WebhookSettings settings;
    private final Clock clock;

    public WebhookSender(WebhookSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Result post(WebhookRequested request) throws InterruptedException {
        HttpRequest.Builder post;
        try {
            post = HttpRequest.newBuilder(URI.create(request.getUrl()))
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header(DELIVERY_ID_HEADER, request.getDeliveryId())
                    .POST(HttpRequest.BodyPublishers.ofString(request.getBody()));
        } catch (IllegalArgumentException e) {
            return new Result(false, 0, "invalid URL: " + e.getMessage());
        }
        String secret = request.getSecret() != null && !request.getSecret().isBlank()
                ? request.getSecret() : settings.secret();
        if (secret != null && !secret.isBlank()) {
            post.header(WebhookSignature.HEADER,
                    WebhookSignature.header(secret, clock.instant().getEpochSecond(), request.getBody()));
        }
        try {
            int status = client.send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Result(status / 100 == 2, status, status / 100 == 2 ? null : "HTTP " + status);
        } catch (IOException e) {
            return new Result(false, 0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + e.getMessage()));
        }
    }
}
