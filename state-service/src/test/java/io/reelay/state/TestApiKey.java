package io.reelay.state;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * How the tests call the HTTP API: as tenant {@link JobEvents#TENANT}, with the key application-test.yml gives it,
 * or as the second tenant {@value #OTHER_TENANT}.
 */
public final class TestApiKey {

    public static final String KEY = "test-key";
    public static final String OTHER_TENANT = "other";
    public static final String OTHER_TENANT_KEY = "other-key";

    private TestApiKey() {
    }

    /** A request of tenant {@link JobEvents#TENANT}. */
    public static HttpRequest.Builder request(URI uri) {
        return request(uri, KEY);
    }

    public static HttpRequest.Builder request(URI uri, String key) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key);
    }
}
