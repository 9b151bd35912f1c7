package io.reelay.ingest.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;

/** Requests as a client of tenant {@value #TENANT} sends them, with the key application-test.yml gives it. */
final class ApiRequests {

    static final String TENANT = "test";
    static final String KEY = "test-key";
    /** The header for clients that cannot set Authorization. */
    static final String KEY_HEADER = "X-Api-Key";
    /** The key of a second tenant, {@code other}. */
    static final String OTHER_KEY = "other-key";

    private ApiRequests() {
    }

    static MutableHttpRequest<String> postJson(String path, String body) {
        return unauthenticatedPostJson(path, body).bearerAuth(KEY);
    }

    static MutableHttpRequest<String> unauthenticatedPostJson(String path, String body) {
        return HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
