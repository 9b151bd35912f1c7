package io.reelay.state.webhook;

import io.reelay.events.WebhookAttempted;
import io.reelay.events.WebhookOutcome;
import io.reelay.events.WebhookRequested;
import io.reelay.state.core.WebhookRetries;
import io.reelay.webhook.WebhookTargets;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.util.Optional;

/**
 * Delivers notifications the state topology decided, outside the topology: one try per record, each try reported
 * (and recorded in the job's state), a failed try scheduled again on the retry topic with exponential backoff, and
 * a notification that failed for the whole retry period, or whose target is refused, moved to the dead-letter topic.
 */
@Singleton
public class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookSender sender;
    private final WebhookTargets targets;
    private final WebhookRetries retries;
    private final WebhookOutcomes outcomes;
    private final Clock clock;

    @Inject
    WebhookDispatcher(WebhookSettings settings, WebhookOutcomes outcomes) {
        this(settings, outcomes, Clock.systemUTC());
    }

    WebhookDispatcher(WebhookSettings settings, WebhookOutcomes outcomes, Clock clock) {
        this.sender = new WebhookSender(settings, clock);
        this.targets = new WebhookTargets(settings.allowedHosts());
        this.retries = new WebhookRetries(settings.backoff(), settings.maxBackoff(), settings.retryPeriod());
        this.outcomes = outcomes;
        this.clock = clock;
    }

    void dispatch(WebhookRequested request) throws InterruptedException {
        MDC.put("jobId", request.getJobId());
        if (request.getOutputId() != null) {
            MDC.put("outputId", request.getOutputId());
        }
        try {
            Optional<String> refusal = targets.refusal(request.getUrl());
            if (refusal.isPresent()) {
                report(request, WebhookOutcome.REFUSED, 0, refusal.get());
                outcomes.deadLetter(request.getJobId(), request, "refused: " + refusal.get());
                return;
            }
            WebhookSender.Result result = sender.post(request);
            if (result.acknowledged()) {
                report(request, WebhookOutcome.DELIVERED, result.statusCode(), null);
                return;
            }
            Optional<WebhookRequested> next = retries.after(request, clock.instant());
            if (next.isPresent()) {
                report(request, WebhookOutcome.RETRYING, result.statusCode(), result.problem());
                outcomes.retryLater(request.getJobId(), next.get());
            } else {
                report(request, WebhookOutcome.GAVE_UP, result.statusCode(), result.problem());
                outcomes.deadLetter(request.getJobId(), request, result.problem());
            }
        } finally {
            MDC.remove("jobId");
            MDC.remove("outputId");
        }
    }

    private void report(WebhookRequested request, WebhookOutcome outcome, int statusCode, String detail) {
        LOG.info("Webhook {} try {} to {}: {}{}", request.getDeliveryId(), request.getAttempt(), request.getUrl(),
                outcome, detail == null ? "" : " (" + detail + ")");
        outcomes.attempted(request.getJobId(), WebhookAttempted.newBuilder()
                .setDeliveryId(request.getDeliveryId())
                .setJobId(request.getJobId())
                .setOutputId(request.getOutputId())
                .setEvent(request.getEvent())
                .setUrl(request.getUrl())
                .setAttempt(request.getAttempt())
                .setOutcome(outcome)
                .setStatusCode(statusCode)
                .setDetail(detail)
                .setAttemptedAt(clock.instant())
                .build());
    }
}
