package io.reelay.state.webhook;

import io.reelay.events.WebhookRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs a webhook body to its target, retrying with exponential backoff. Receivers see the same
 * {@value #DELIVERY_ID_HEADER} on every try, so they can acknowledge a repeat without acting on it twice.
 */
public final class WebhookSender {

    public static final String DELIVERY_ID_HEADER = "Reelay-Delivery-Id";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

    private final HttpClient client;
    private final WebhookSettings settings;

    public WebhookSender(WebhookSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Delivers {@code request}: a 2xx answer acknowledges it. After the last failed try the notification is given
     * up with a warning.
     *
     * @return whether the target acknowledged the notification
     * @throws InterruptedException when the service stops while waiting to retry
     */
    public boolean deliver(WebhookRequested request) throws InterruptedException {
        HttpRequest post;
        try {
            post = HttpRequest.newBuilder(URI.create(request.getUrl()))
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header(DELIVERY_ID_HEADER, request.getDeliveryId())
                    .POST(HttpRequest.BodyPublishers.ofString(request.getBody()))
                    .build();
        } catch (IllegalArgumentException e) {
            LOG.warn("Webhook {} not delivered: invalid URL {}: {}", request.getDeliveryId(), request.getUrl(),
                    e.getMessage());
            return false;
        }
        Duration wait = settings.backoff();
        for (int attempt = 1; ; attempt++) {
            String problem = post(post);
            if (problem == null) {
                LOG.info("Webhook {} delivered to {} (try {})", request.getDeliveryId(), request.getUrl(), attempt);
                return true;
            }
            if (attempt > settings.retries()) {
                LOG.warn("Webhook {} not delivered to {} after {} tries: {}", request.getDeliveryId(),
                        request.getUrl(), attempt, problem);
                return false;
            }
            LOG.info("Webhook {} try {} failed ({}); retrying in {} ms", request.getDeliveryId(), attempt, problem,
                    wait.toMillis());
            Thread.sleep(wait.toMillis());
            wait = wait.multipliedBy(2);
        }
    }

    /** @return null when acknowledged, else what went wrong */
    private String post(HttpRequest post) throws InterruptedException {
        try {
            int status = client.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "HTTP " + status;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }
}
