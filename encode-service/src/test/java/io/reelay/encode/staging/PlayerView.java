package io.reelay.encode.staging;

import io.reelay.encode.core.MediaPlaylist;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A published output read over plain HTTP the way a player reads it: the manifest first, then the media playlists
 * or segment templates it names, then every file they name. Each fetch must answer 200 with content.
 */
final class PlayerView {

    /** One stream as a player sees it: every file it fetches (init first) and each segment's duration. */
    record Track(URI playlist, List<URI> files, List<Double> segmentSeconds) {

        double totalSeconds() {
            return segmentSeconds.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]+)\"");
    private static final Pattern NUMBER = Pattern.compile("\\$Number(%0(\\d+)d)?\\$");

    private final HttpClient http = HttpClient.newHttpClient();

    String fetchText(URI uri) throws IOException, InterruptedException {
        return new String(fetch(uri), StandardCharsets.UTF_8);
    }

    byte[] fetch(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
        assertThat(response.body()).as("body of %s", uri).isNotEmpty();
        return response.body();
    }

    /** Every variant and alternative audio playlist of an HLS master playlist, each with its files fetched. */
    List<Track> hls(URI master) throws IOException, InterruptedException {
        List<Track> tracks = new ArrayList<>();
        List<String> lines = fetchText(master).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#EXT-X-STREAM-INF:")) {
                tracks.add(mediaPlaylist(master.resolve(lines.get(i + 1))));
            } else if (line.startsWith("#EXT-X-MEDIA:")) {
                Matcher uri = URI_ATTRIBUTE.matcher(line);
                if (uri.find()) {
                    tracks.add(mediaPlaylist(master.resolve(uri.group(1))));
                }
            }
        }
        return tracks;
    }

    /** Every representation of a DASH MPD (SegmentTemplate with SegmentTimeline), each with its files fetched. */
    List<Track> dash(URI mpd) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(fetch(mpd)));
        List<Track> tracks = new ArrayList<>();
        var representations = document.getElementsByTagName("Representation");
        for (int i = 0; i < representations.getLength(); i++) {
            Element representation = (Element) representations.item(i);
            Element template = child(representation, "SegmentTemplate");
            if (template == null) {
                template = child((Element) representation.getParentNode(), "SegmentTemplate");
            }
            tracks.add(templateTrack(mpd, representation.getAttribute("id"), template));
        }
        return tracks;
    }

    private Track templateTrack(URI mpd, String id, Element template) throws IOException, InterruptedException {
        double timescale = Double.parseDouble(template.getAttribute("timescale"));
        long number = Long.parseLong(template.getAttribute("startNumber"));
        List<URI> files = new ArrayList<>(List.of(mpd.resolve(
                template.getAttribute("initialization").replace("$RepresentationID$", id))));
        List<Double> durations = new ArrayList<>();
        Element timeline = child(template, "SegmentTimeline");
        for (Node s = timeline.getFirstChild(); s != null; s = s.getNextSibling()) {
            if (!(s instanceof Element segment)) {
                continue;
            }
            int repeats = segment.hasAttribute("r") ? Integer.parseInt(segment.getAttribute("r")) : 0;
            for (int r = 0; r <= repeats; r++) {
                durations.add(Double.parseDouble(segment.getAttribute("d")) / timescale);
                files.add(mpd.resolve(media(template.getAttribute("media"), id, number++)));
            }
        }
        for (URI file : files) {
            fetch(file);
        }
        return new Track(mpd, files, durations);
    }

    private Track mediaPlaylist(URI uri) throws IOException, InterruptedException {
        MediaPlaylist playlist = MediaPlaylist.parse(fetchText(uri));
        assertThat(playlist.ended()).as("%s ends", uri).isTrue();
        List<URI> files = new ArrayList<>();
        if (playlist.initUri() != null) {
            files.add(uri.resolve(playlist.initUri()));
        }
        playlist.segments().forEach(segment -> files.add(uri.resolve(segment.uri())));
        for (URI file : files) {
            fetch(file);
        }
        return new Track(uri, files, playlist.segments().stream().map(MediaPlaylist.Segment::durationSeconds).toList());
    }

    private static String media(String template, String id, long number) {
        Matcher matcher = NUMBER.matcher(template.replace("$RepresentationID$", id));
        StringBuilder name = new StringBuilder();
        while (matcher.find()) {
            String width = matcher.group(2);
            matcher.appendReplacement(name, width == null ? Long.toString(number)
                    : String.format("%0" + width + "d", number));
        }
        return matcher.appendTail(name).toString();
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }
}
