package io.reelay.access;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

import java.util.Optional;

/**
 * Where a caller puts its API key: {@code Authorization: Bearer <key>}, or {@code X-Api-Key: <key>} for clients
 * that cannot set an Authorization header.
 */
public final class ApiKeyHeaders {

    public static final String X_API_KEY = "X-Api-Key";
    private static final String BEARER = "Bearer";

    private ApiKeyHeaders() {
    }

    /** The key the request presents, if any. */
    public static Optional<String> keyOf(HttpRequest<?> request) {
        return keyOf(request.getHeaders().get(HttpHeaders.AUTHORIZATION), request.getHeaders().get(X_API_KEY));
    }

    /**
     * The key from the two headers' values (null when absent): a bearer token wins; an Authorization header of
     * another scheme (Basic, for a proxy in front) leaves the choice to X-Api-Key.
     */
    public static Optional<String> keyOf(String authorization, String xApiKey) {
        if (authorization != null) {
            String value = authorization.trim();
            if (value.regionMatches(true, 0, BEARER, 0, BEARER.length()) && value.length() > BEARER.length()
                    && Character.isWhitespace(value.charAt(BEARER.length()))) {
                return nonEmpty(value.substring(BEARER.length()));
            }
        }
        return xApiKey == null ? Optional.empty() : nonEmpty(xApiKey);
    }

    /** The header value that presents {@code key}, e.g. to forward a caller's key to another instance. */
    public static String bearer(String key) {
        return BEARER + " " + key;
    }

    private static Optional<String> nonEmpty(String value) {
        String trimmed = value.trim();
        return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
    }
}
