package io.reelay.ingest.http;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.SerdeImport;
import io.reelay.ingest.core.FieldError;
import io.reelay.ingest.core.RevokeRequest;
import io.reelay.webhook.WebhookTargets;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * Lets the plain core records travel as JSON (job submissions are read by {@link JobSubmissions}), and provides the
 * clock jobs are stamped with and the rule for which webhook URLs may be called.
 */
@Factory
@SerdeImport(FieldError.class)
@SerdeImport(RevokeRequest.class)
public class IngestBeans {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The same allow-list the state service delivers by, so that what is accepted here can be delivered there. */
    @Singleton
    WebhookTargets webhookTargets(@Value("${reelay.webhooks.allowed-hosts:}") List<String> allowedHosts) {
        return new WebhookTargets(allowedHosts.stream().map(String::trim).filter(host -> !host.isEmpty()).toList());
    }
}
