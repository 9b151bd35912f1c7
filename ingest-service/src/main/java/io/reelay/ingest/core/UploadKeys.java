package io.reelay.ingest.core;


/**
 * Object keys for uploaded sources: {@code uploads/<tenant>/<uploadId>/<file>}, a fresh folder per upload under its
 * tenant's (so a bucket's sources can be listed, billed or cleaned per tenant), and a file name that is safe in any
 * key or path. Tenant names are already plain tokens (letters, digits, '.', '_', '-').
 */
public final class UploadKeys {

    private UploadKeys() {
    }

    public static String keyFor(String tenant, String uploadId, String filename) {
        String base = filename.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "");
        if (safe.isEmpty()) {
            safe = "source";
        }
        if (safe.length() > 128) {
            safe = safe.substring(safe.length() - 128);
        }
        return "uploads/" + tenant + "/" + uploadId + "/" + safe;
    }
}
