package io.reelay.upload.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files an HLS playlist names, as paths relative to the output root. Upload checks them before publishing a
 * playlist, so a player never sees a playlist that names a missing file.
 */
public final class PlaylistReferences {

    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]+)\"");

    private PlaylistReferences() {
    }

    /**
     * @param playlistPath path of the playlist relative to the output root, e.g. {@code 720p/playlist.m3u8}
     * @param text the playlist
     */
    public static List<String> of(String playlistPath, String text) {
        String folder = playlistPath.contains("/") ? playlistPath.substring(0, playlistPath.lastIndexOf('/') + 1) : "";
        List<String> references = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher uri = URI_ATTRIBUTE.matcher(line);
                while (uri.find()) {
                    references.add(resolve(folder, uri.group(1)));
                }
            } else {
                references.add(resolve(folder, line));
            }
        }
        return references;
    }

    /** A reference relative to a folder of the output, as a path from the output root; refuses escapes. */
    static String resolve(String folder, String reference) {
        if (reference.contains("://") || reference.startsWith("/")) {
            throw new IllegalArgumentException("playlist names a file outside its output: " + reference);
        }
        List<String> parts = new ArrayList<>(List.of((folder + reference).split("/")));
        List<String> resolved = new ArrayList<>();
        for (String part : parts) {
            if (part.equals("..")) {
                if (resolved.isEmpty()) {
                    throw new IllegalArgumentException("playlist names a file outside its output: " + reference);
                }
                resolved.remove(resolved.size() - 1);
            } else if (!part.isEmpty() && !part.equals(".")) {
                resolved.add(part);
            }
        }
        return String.join("/", resolved);
    }
}
