package io.reelay.upload.core;

import java.util.Locale;
import java.util.Map;

/** Content-Type of each file a player fetches; players and CDNs rely on it, S3 would default to binary/octet-stream. */
public final class ContentTypes {

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "m3u8", "application/vnd.apple.mpegurl",
            "mpd", "application/dash+xml",
            "m4s", "video/iso.segment",
            "mp4", "video/mp4",
            "ts", "video/mp2t",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "webp", "image/webp",
            "vtt", "text/vtt");

    private ContentTypes() {
    }

    public static String of(String path) {
        int dot = path.lastIndexOf('.');
        String extension = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(extension, "application/octet-stream");
    }
}
