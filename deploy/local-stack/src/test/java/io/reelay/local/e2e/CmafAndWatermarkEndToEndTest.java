package io.reelay.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.lindstrom.m3u8.model.AlternativeRendition;
import io.lindstrom.m3u8.model.MasterPlaylist;
import io.lindstrom.m3u8.model.MediaPlaylist;
import io.lindstrom.m3u8.model.MediaSegment;
import io.lindstrom.m3u8.model.Variant;
import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CMAF and watermarks through all five services: one set of fMP4 segments read back through both its HLS master and
 * its DASH MPD, and a mark laid over the video that a player decodes in the requested corner.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipeline.class)
class CmafAndWatermarkEndToEndTest {

    private static final Duration JOB_DEADLINE = Duration.ofMinutes(3);
    private static final String CMAF_PREFIX = "e2e/cmaf";
    private static final String MARKED_PREFIX = "e2e/marked";

    private PipelineHarness stack;

    @BeforeAll
    void startStack(PipelineHarness stack) throws Exception {
        this.stack = stack;
    }


    @Test
    void publishesOneSetOfSegmentsThatTheHlsMasterAndTheDashManifestBothName() throws Exception {
        Path clip = stack.workDir.resolve("cmaf-clip.mp4");
        MediaProbe.generateClip(clip, 320, 240, 4);
        JsonNode source = stack.upload(clip);

        JsonNode state = awaitFinalJob(submit(source, List.of(Map.of("outputId", "cmaf", "format", "CMAF",
                "videoCodec", "H264", "audioCodec", "AAC", "qualities", List.of("240p", "144p"), "segmentSeconds", 2,
                "destination", destination(CMAF_PREFIX)))));

        assertThat(state.get("status").asText()).as(state.toString()).isEqualTo("COMPLETE");
        JsonNode output = PipelineHarness.output(state, "cmaf");
        assertThat(output.get("playlistUrl").asText()).endsWith("/" + CMAF_PREFIX + "/master.m3u8");
        assertThat(output.get("manifestUrl").asText()).endsWith("/" + CMAF_PREFIX + "/manifest.mpd");
        Set<String> hlsFiles = hlsFiles("master.m3u8");
        Set<String> dashFiles = dashFiles("manifest.mpd");
        assertThat(hlsFiles).as("files the HLS playlists name").isEqualTo(dashFiles)
                .anyMatch(file -> file.endsWith(".m4s")).anyMatch(file -> file.endsWith("init.mp4"));
        Set<String> published = stack.s3.listObjectsV2Paginator(l -> l.bucket(PipelineHarness.OUTPUTS)
                        .prefix(CMAF_PREFIX + "/")).contents().stream()
                .map(object -> object.key().substring(CMAF_PREFIX.length() + 1)).collect(Collectors.toSet());
        assertThat(published).containsAll(dashFiles);
        assertDecodableOverHttp(output.get("manifestUrl").asText(), 2);
    }

    @Test
    void laysTheWatermarkInTheRequestedCornerAndFailsAnOutputWhoseImageIsMissing() throws Exception {
        Path clip = stack.workDir.resolve("blue-clip.mp4");
        MediaProbe.Result generated = MediaProbe.run(List.of(MediaProbe.ffmpeg(), "-v", "error", "-y",
                "-f", "lavfi", "-i", "color=c=blue:s=320x240:r=25", "-t", "2", "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p", clip.toString()));
        assertThat(generated.exitCode()).as(generated.stderr()).isZero();
        Path logo = stack.workDir.resolve("red.png");
        MediaProbe.Result drawn = MediaProbe.run(List.of(MediaProbe.ffmpeg(), "-v", "error", "-y",
                "-f", "lavfi", "-i", "color=c=red:s=64x64", "-frames:v", "1", logo.toString()));
        assertThat(drawn.exitCode()).as(drawn.stderr()).isZero();
        stack.s3.putObject(p -> p.bucket(PipelineHarness.SOURCES).key("brand/red.png"), logo);
        JsonNode source = stack.upload(clip);

        JsonNode state = awaitFinalJob(submit(source, List.of(
                Map.of("outputId", "marked", "format", "HLS_FMP4", "qualities", List.of("240p"), "segmentSeconds", 2,
                        "destination", destination(MARKED_PREFIX), "watermark", Map.of("image",
                                Map.of("bucket", PipelineHarness.SOURCES, "key", "brand/red.png"),
                                "position", "BOTTOM_RIGHT", "margin", 0.05, "opacity", 1, "width", 0.25)),
                Map.of("outputId", "no-logo", "format", "HLS_FMP4", "qualities", List.of("240p"),
                        "destination", destination("e2e/no-logo"), "watermark", Map.of("image",
                                Map.of("bucket", PipelineHarness.SOURCES, "key", "brand/missing.png"))))));

        JsonNode marked = PipelineHarness.output(state, "marked");
        assertThat(marked.get("status").asText()).as(state.toString()).isEqualTo("READY");
        JsonNode failed = PipelineHarness.output(state, "no-logo");
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failure").get("reason").asText()).isEqualTo("WATERMARK_FAILED");
        assertThat(failed.get("failure").get("message").asText()).contains("brand/missing.png");
        // a 80x80 mark, 16 px from the right and bottom edges of the 320x240 picture: look inside it, and far from it
        String playlistUrl = marked.get("playlistUrl").asText();
        assertThat(meanColour(playlistUrl, 40, 244, 164)).satisfies(colour -> assertClose(colour, 255, 0, 0));
        assertThat(meanColour(playlistUrl, 40, 20, 20)).satisfies(colour -> assertClose(colour, 0, 0, 255));
    }

    private String submit(JsonNode source, List<Map<String, Object>> outputs) throws Exception {
        Map<String, Object> job = Map.of(
                "source", Map.of("bucket", source.get("bucket").asText(), "key", source.get("key").asText()),
                "outputs", outputs);
        HttpResponse<String> accepted = stack.post(stack.url("ingest-service", "/jobs"), job);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return stack.json.readTree(accepted.body()).get("jobId").asText();
    }

    private static Map<String, Object> destination(String prefix) {
        return Map.of("bucket", PipelineHarness.OUTPUTS, "prefix", prefix);
    }

    /** Every file the master playlist leads a player to: each variant's and audio rendition's init and segments. */
    private Set<String> hlsFiles(String masterPath) throws Exception {
        MasterPlaylist master = new MasterPlaylistParser().readPlaylist(read(masterPath));
        List<String> playlists = new ArrayList<>(master.variants().stream().map(Variant::uri).toList());
        master.alternativeRenditions().stream().map(AlternativeRendition::uri).flatMap(Optional::stream)
                .forEach(playlists::add);
        assertThat(master.variants()).hasSize(2);
        Set<String> files = new TreeSet<>();
        for (String playlistPath : playlists) {
            String folder = playlistPath.contains("/") ? playlistPath.substring(0, playlistPath.lastIndexOf('/') + 1) : "";
            MediaPlaylist playlist = new MediaPlaylistParser().readPlaylist(read(playlistPath));
            assertThat(playlist.ongoing()).as("%s is closed", playlistPath).isFalse();
            for (MediaSegment segment : playlist.mediaSegments()) {
                segment.segmentMap().ifPresent(map -> files.add(folder + map.uri()));
                files.add(folder + segment.uri());
            }
        }
        return files;
    }

    /** Every file the MPD names: per Representation, its SegmentTemplate's initialization and timeline segments. */
    private Set<String> dashFiles(String mpdPath) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document mpd = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                stack.s3.getObjectAsBytes(g -> g.bucket(PipelineHarness.OUTPUTS).key(CMAF_PREFIX + "/" + mpdPath))
                        .asByteArray()));
        Set<String> files = new TreeSet<>();
        var representations = mpd.getElementsByTagNameNS("*", "Representation");
        for (int i = 0; i < representations.getLength(); i++) {
            Element representation = (Element) representations.item(i);
            Element template = firstChild(representation, "SegmentTemplate");
            if (template == null) {
                template = firstChild((Element) representation.getParentNode(), "SegmentTemplate");
            }
            String id = representation.getAttribute("id");
            files.add(template.getAttribute("initialization").replace("$RepresentationID$", id));
            long number = template.hasAttribute("startNumber") ? Long.parseLong(template.getAttribute("startNumber")) : 1;
            String media = template.getAttribute("media").replace("$RepresentationID$", id);
            Element timeline = firstChild(template, "SegmentTimeline");
            for (Node s = timeline.getFirstChild(); s != null; s = s.getNextSibling()) {
                if (s instanceof Element segment && segment.getLocalName().equals("S")) {
                    int repeats = segment.hasAttribute("r") ? Integer.parseInt(segment.getAttribute("r")) : 0;
                    for (int r = 0; r <= repeats; r++) {
                        files.add(media.replaceAll("\\$Number%05d\\$", String.format("%05d", number++)));
                    }
                }
            }
        }
        assertThat(files).as("the MPD's files").noneMatch(file -> file.contains("$"));
        return files;
    }

    private static Element firstChild(Element parent, String localName) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    /** ffprobe opens the published manifest over HTTP and ffmpeg decodes frames of every stream it lists. */
    private void assertDecodableOverHttp(String manifestUrl, int videoStreams) throws Exception {
        MediaProbe.Result probe = MediaProbe.run(List.of(MediaProbe.ffprobe(), "-v", "error", "-show_entries",
                "stream=index,codec_type", "-of", "csv=p=0", manifestUrl));
        assertThat(probe.exitCode()).as(probe.stderr()).isZero();
        // each stream is listed once more under every program it belongs to: count distinct indexes
        assertThat(probe.stdout().lines().map(String::trim).distinct().filter(stream -> stream.endsWith(",video"))
                .count()).isEqualTo(videoStreams);
        List<String> streams = new ArrayList<>();
        for (int i = 0; i < videoStreams; i++) {
            streams.add("0:v:" + i);
        }
        streams.add("0:a:0");
        for (String stream : streams) {
            MediaProbe.Result decode = MediaProbe.run(List.of(MediaProbe.ffmpeg(), "-v", "error", "-i", manifestUrl,
                    "-map", stream, "-frames", "10", "-f", "null", "-"));
            assertThat(decode.exitCode()).as("decoding %s: %s", stream, decode.stderr()).isZero();
        }
    }

    /** Mean RGB of a square of the first frame a player decodes, {@code size} pixels wide at (x, y). */
    private int[] meanColour(String url, int size, int x, int y) throws Exception {
        Path raw = stack.workDir.resolve("crop-" + x + "-" + y + ".rgb");
        MediaProbe.Result crop = MediaProbe.run(List.of(MediaProbe.ffmpeg(), "-v", "error", "-y", "-i", url,
                "-frames:v", "1", "-vf", "crop=" + size + ":" + size + ":" + x + ":" + y, "-f", "rawvideo",
                "-pix_fmt", "rgb24", raw.toString()));
        assertThat(crop.exitCode()).as(crop.stderr()).isZero();
        byte[] pixels = Files.readAllBytes(raw);
        assertThat(pixels).hasSize(size * size * 3);
        long[] sums = new long[3];
        for (int i = 0; i < pixels.length; i++) {
            sums[i % 3] += pixels[i] & 0xff;
        }
        return new int[]{(int) (sums[0] / (size * size)), (int) (sums[1] / (size * size)), (int) (sums[2] / (size * size))};
    }

    private static void assertClose(int[] colour, int red, int green, int blue) {
        int[] expected = {red, green, blue};
        for (int channel = 0; channel < 3; channel++) {
            assertThat(Math.abs(colour[channel] - expected[channel])).as("channel %d of %s", channel,
                    Arrays.toString(colour)).isLessThanOrEqualTo(40);
        }
    }

    private String read(String path) {
        return stack.s3.getObjectAsBytes(g -> g.bucket(PipelineHarness.OUTPUTS).key(CMAF_PREFIX + "/" + path))
                .asUtf8String();
    }

    private JsonNode awaitFinalJob(String jobId) throws InterruptedException {
        return stack.awaitFinal(jobId, JOB_DEADLINE);
    }
}
