package io.reelay.access;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Map;
import java.util.Optional;

/**
 * Lets a request through only with a known API key (see {@link ApiKeyHeaders}), except on {@link OpenPaths}, and
 * records the key's tenant as {@link RequestTenant#ATTRIBUTE}. Anything else gets 401 with a JSON message and
 * {@code WWW-Authenticate: Bearer}, before any route runs, so an unknown path is not told apart from a known one.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = AccessBeans.ENABLED, value = "true")
public class ApiKeyFilter {

    private final ApiKeys keys;
    private final OpenPaths openPaths;

    ApiKeyFilter(ApiKeys keys, @Value("${reelay.access.open-metrics:true}") boolean openMetrics) {
        this.keys = keys;
        this.openPaths = new OpenPaths(openMetrics);
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (openPaths.isOpen(request.getPath())) {
            return null;
        }
        Optional<String> key = ApiKeyHeaders.keyOf(request);
        Optional<String> tenant = key.flatMap(keys::tenantOf);
        if (tenant.isEmpty()) {
            String message = key.isEmpty()
                    ? "An API key is required: send 'Authorization: Bearer <key>' or '" + ApiKeyHeaders.X_API_KEY
                    + ": <key>'"
                    : "Unknown API key";
            return HttpResponse.unauthorized()
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"reelay\"")
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(Map.of("message", message));
        }
        request.setAttribute(RequestTenant.ATTRIBUTE, tenant.get());
        return null;
    }
}
