package io.reelay.access;

import io.micronaut.http.HttpRequest;

/**
 * The tenant an HTTP request acts for. The API-key filter sets it once the caller's key is known; everything
 * that reads or changes jobs takes the tenant from here and nowhere else.
 */
public final class RequestTenant {

    /** Request attribute holding the tenant of the caller's API key. */
    public static final String ATTRIBUTE = "reelay.tenant";

    /** Tenant of requests that carry no tenant attribute. */
    public static final String DEFAULT = "default";

    private RequestTenant() {
    }

    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElse(DEFAULT);
    }
}
