package io.reelay.access;

import java.util.regex.Pattern;

/**
 * Paths anyone may request without an API key: health checks, Prometheus metrics (unless closed), the OpenAPI
 * documents and the live page's static files. None of them carries job data; everything else needs a key.
 * A path that could step out of these folders ({@code ..}, encoded characters, empty segments) is never open.
 */
public final class OpenPaths {

    /** A file at the root of the page: {@code /style.css}, {@code /favicon.ico}. */
    private static final Pattern ROOT_FILE = Pattern.compile("/[A-Za-z0-9_-][A-Za-z0-9._-]*\\.(css|js|ico|png|svg)");
    private static final Pattern SUSPICIOUS = Pattern.compile("\\.\\.|%|//|\\\\");

    private final boolean metricsOpen;

    /** @param metricsOpen whether {@code /prometheus} answers without a key */
    public OpenPaths(boolean metricsOpen) {
        this.metricsOpen = metricsOpen;
    }

    public boolean isOpen(String path) {
        if (path == null || SUSPICIOUS.matcher(path).find()) {
            return false;
        }
        return path.equals("/health") || path.startsWith("/health/")
                || (metricsOpen && path.equals("/prometheus"))
                || path.startsWith("/openapi/")
                || path.equals("/") || path.equals("/index.html") || ROOT_FILE.matcher(path).matches()
                || path.startsWith("/js/") || path.startsWith("/webjars/");
    }
}
