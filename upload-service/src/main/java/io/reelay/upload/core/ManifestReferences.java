package io.reelay.upload.core;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a DASH MPD names, as paths relative to the output root, so that upload publishes an MPD only once
 * every one of them is in place. Covers what packagers write for on-demand media: {@code SegmentTemplate} (with a
 * {@code SegmentTimeline} or a fixed segment duration, at Period, AdaptationSet or Representation level),
 * {@code SegmentList}, and a Representation's single-file {@code BaseURL}.
 */
public final class ManifestReferences {

    private static final Pattern NUMBER = Pattern.compile("\\$Number(?:%0(\\d+)d)?\\$");

    private ManifestReferences() {
    }

    /**
     * @param mpdPath path of the MPD relative to the output root, e.g. {@code manifest.mpd}
     * @throws IllegalArgumentException when the MPD is not XML, or names a file outside its output
     */
    public static List<String> of(String mpdPath, String text) {
        String folder = mpdPath.contains("/") ? mpdPath.substring(0, mpdPath.lastIndexOf('/') + 1) : "";
        Document mpd = parse(text);
        Duration presentation = mpd.getDocumentElement().hasAttribute("mediaPresentationDuration")
                ? Duration.parse(mpd.getDocumentElement().getAttribute("mediaPresentationDuration")) : Duration.ZERO;
        List<String> references = new ArrayList<>();
        for (Element representation : elements(mpd.getElementsByTagNameNS("*", "Representation"))) {
            String base = folder + text(child(representation, "BaseURL"));
            Element template = inherited(representation, "SegmentTemplate");
            Element list = child(representation, "SegmentList");
            if (template != null) {
                templateFiles(template, representation.getAttribute("id"), presentation)
                        .forEach(file -> references.add(PlaylistReferences.resolve(base, file)));
            } else if (list != null) {
                Element initialization = child(list, "Initialization");
                if (initialization != null) {
                    references.add(PlaylistReferences.resolve(base, initialization.getAttribute("sourceURL")));
                }
                for (Element segment : children(list, "SegmentURL")) {
                    references.add(PlaylistReferences.resolve(base, segment.getAttribute("media")));
                }
            } else if (!base.equals(folder)) {
                references.add(PlaylistReferences.resolve("", base));
            }
        }
        return references;
    }

    private static List<String> templateFiles(Element template, String id, Duration presentation) {
        List<String> files = new ArrayList<>();
        if (template.hasAttribute("initialization")) {
            files.add(template.getAttribute("initialization").replace("$RepresentationID$", id));
        }
        long first = template.hasAttribute("startNumber") ? Long.parseLong(template.getAttribute("startNumber")) : 1;
        long count = segmentCount(template, presentation);
        String media = template.getAttribute("media").replace("$RepresentationID$", id);
        for (long number = first; number < first + count; number++) {
            files.add(numbered(media, number));
        }
        return files;
    }

    private static long segmentCount(Element template, Duration presentation) {
        Element timeline = child(template, "SegmentTimeline");
        if (timeline != null) {
            long count = 0;
            for (Element segment : children(timeline, "S")) {
                count += 1 + (segment.hasAttribute("r") ? Long.parseLong(segment.getAttribute("r")) : 0);
            }
            return count;
        }
        if (!template.hasAttribute("duration")) {
            return 0;
        }
        double timescale = template.hasAttribute("timescale")
                ? Double.parseDouble(template.getAttribute("timescale")) : 1;
        double segmentSeconds = Double.parseDouble(template.getAttribute("duration")) / timescale;
        return (long) Math.ceil(presentation.toNanos() / 1e9 / segmentSeconds);
    }

    private static String numbered(String media, long number) {
        Matcher matcher = NUMBER.matcher(media);
        StringBuilder name = new StringBuilder();
        while (matcher.find()) {
            String width = matcher.group(1);
            matcher.appendReplacement(name, width == null ? Long.toString(number)
                    : String.format("%0" + width + "d", number));
        }
        return matcher.appendTail(name).toString();
    }

    /** The element's own child of that name, or the nearest ancestor's (DASH inherits segment information). */
    private static Element inherited(Element element, String name) {
        for (Node node = element; node instanceof Element ancestor; node = node.getParentNode()) {
            Element found = child(ancestor, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<Element> elements(org.w3c.dom.NodeList nodes) {
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static String text(Element element) {
        return element == null ? "" : element.getTextContent().trim();
    }

    private static Document parse(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // an MPD comes from our own encoder, but never let XML reach files or the network
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("manifest is not a readable MPD: " + e.getMessage(), e);
        }
    }
}
