package io.reelay.access;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the API keys once, at start-up, so that a broken configuration stops the service before it answers
 * anything. Active where {@code reelay.access.enabled} is true: the services with a business API.
 */
@Factory
@Requires(property = AccessBeans.ENABLED, value = "true")
class AccessBeans {

    static final String ENABLED = "reelay.access.enabled";
    private static final Logger LOG = LoggerFactory.getLogger(AccessBeans.class);

    @Context
    ApiKeys apiKeys(@Value("${reelay.access.api-keys:}") String list,
                    @Value("${reelay.access.api-keys-file:}") String file) {
        List<ApiKeys.Entry> entries = new ArrayList<>(ApiKeys.fromList(list, "reelay.access.api-keys"));
        if (!file.isBlank()) {
            try {
                entries.addAll(ApiKeys.fromLines(Files.readAllLines(Path.of(file)), file));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the API keys file " + file + ": " + e, e);
            }
        }
        ApiKeys keys = ApiKeys.of(entries);
        if (keys.isEmpty()) {
            LOG.warn("No API keys configured (API_KEYS, API_KEYS_FILE): every request that needs one is refused"
                    + " with 401");
        } else {
            LOG.info("API keys configured for tenants {}", keys.tenants());
        }
        return keys;
    }
}
