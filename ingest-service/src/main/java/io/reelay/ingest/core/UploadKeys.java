package io.reelay.ingest.core;


/** Object keys for uploaded sources: a fresh folder per upload, and a file name that is safe in any key or path. */
public final class UploadKeys {

    private UploadKeys() {
    }

    public static String keyFor(String uploadId, String filename) {
        String base = filename.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "");
        if (safe.isEmpty()) {
            safe = "source";
        }
        if (safe.length() > 128) {
            safe = safe.substring(safe.length() - 128);
        }
        return "uploads/" + uploadId + "/" + safe;
    }
}
