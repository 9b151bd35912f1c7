package io.reelay.local.faults;

import io.lindstrom.m3u8.model.MasterPlaylist;
import io.lindstrom.m3u8.model.MediaPlaylist;
import io.lindstrom.m3u8.model.MediaSegment;
import io.lindstrom.m3u8.model.Variant;
import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import io.lindstrom.m3u8.parser.PlaylistParserException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An HLS output read the way a player reads it: the master playlist, every media playlist it names, and every init
 * file and segment those name, each fetched over HTTP from the object store.
 *
 * @param fetched       every URL fetched, the master first
 * @param failures      what did not resolve (HTTP status other than 200, empty body, unreadable playlist)
 * @param playedSeconds per media playlist URL, the sum of its segment durations
 */
record PublishedOutput(Set<URI> fetched, List<String> failures, Map<URI, Double> playedSeconds) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static PublishedOutput read(String masterUrl) throws InterruptedException {
        Set<URI> fetched = new LinkedHashSet<>();
        List<String> failures = new ArrayList<>();
        Map<URI, Double> played = new LinkedHashMap<>();
        URI master = URI.create(masterUrl);
        String masterText = fetch(master, fetched, failures);
        if (masterText == null) {
            return new PublishedOutput(fetched, failures, played);
        }
        try {
            MasterPlaylist playlist = new MasterPlaylistParser().readPlaylist(masterText);
            Set<URI> mediaPlaylists = new LinkedHashSet<>();
            playlist.variants().stream().map(Variant::uri).forEach(uri -> mediaPlaylists.add(master.resolve(uri)));
            playlist.alternativeRenditions().stream().flatMap(rendition -> rendition.uri().stream())
                    .forEach(uri -> mediaPlaylists.add(master.resolve(uri)));
            if (mediaPlaylists.isEmpty()) {
                failures.add(master + " names no media playlist");
            }
            for (URI media : mediaPlaylists) {
                readMedia(media, fetched, failures, played);
            }
        } catch (PlaylistParserException unreadable) {
            failures.add(master + " is not a master playlist: " + unreadable.getMessage());
        }
        return new PublishedOutput(fetched, failures, played);
    }

    private static void readMedia(URI url, Set<URI> fetched, List<String> failures, Map<URI, Double> played)
            throws InterruptedException {
        String text = fetch(url, fetched, failures);
        if (text == null) {
            return;
        }
        try {
            MediaPlaylist playlist = new MediaPlaylistParser().readPlaylist(text);
            if (playlist.ongoing()) {
                failures.add(url + " is not closed with #EXT-X-ENDLIST");
            }
            double seconds = 0;
            for (MediaSegment segment : playlist.mediaSegments()) {
                segment.segmentMap().ifPresent(map -> fetchOnce(url.resolve(map.uri()), fetched, failures));
                fetchOnce(url.resolve(segment.uri()), fetched, failures);
                seconds += segment.duration();
            }
            played.put(url, seconds);
        } catch (PlaylistParserException unreadable) {
            failures.add(url + " is not a media playlist: " + unreadable.getMessage());
        }
    }

    /** Every init file is named by each segment; it is fetched once. */
    private static void fetchOnce(URI url, Set<URI> fetched, List<String> failures) {
        if (!fetched.contains(url)) {
            try {
                fetch(url, fetched, failures);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(url + ": interrupted");
            }
        }
    }

    /** The body as text, or null (with the failure noted) when the URL does not resolve to a non-empty 200. */
    private static String fetch(URI url, Set<URI> fetched, List<String> failures) throws InterruptedException {
        fetched.add(url);
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length == 0) {
                failures.add(url + ": HTTP " + response.statusCode() + ", " + response.body().length + " bytes");
                return null;
            }
            return new String(response.body(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            failures.add(url + ": " + e);
            return null;
        }
    }

    /** The object keys fetched, for URLs of the form {@code <endpoint>/<bucket>/<key>}. */
    Set<String> keys(String bucket) {
        Set<String> keys = new LinkedHashSet<>();
        String bucketPath = "/" + bucket + "/";
        for (URI url : fetched) {
            if (url.getPath().startsWith(bucketPath)) {
                keys.add(url.getPath().substring(bucketPath.length()));
            }
        }
        return keys;
    }

    /** A line for the report: entries fetched and seconds each rendition plays. */
    String summary() {
        return fetched.size() + " URLs, " + playedSeconds.values().stream()
                .map(seconds -> String.format("%.1f s", seconds)).toList();
    }
}
