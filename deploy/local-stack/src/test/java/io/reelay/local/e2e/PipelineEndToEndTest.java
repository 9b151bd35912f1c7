package io.reelay.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.lindstrom.m3u8.model.MasterPlaylist;
import io.lindstrom.m3u8.model.MediaPlaylist;
import io.lindstrom.m3u8.model.MediaSegment;
import io.lindstrom.m3u8.model.Variant;
import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import io.reelay.kafka.DeadLetters;
import io.reelay.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** One job through all five services on a real broker, registry, S3 server and ffmpeg, read back like a player. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedPipeline.class)
class PipelineEndToEndTest {

    private static final Duration JOB_DEADLINE = Duration.ofMinutes(4);
    private static final List<String> LADDER = List.of("360p", "240p", "144p");

    private PipelineHarness stack;
    private WebhookReceiver webhooks;
    private Path clip;

    @BeforeAll
    void startStack(PipelineHarness stack) throws Exception {
        this.stack = stack;
        webhooks = new WebhookReceiver();
        clip = stack.workDir.resolve("clip.mp4");
        MediaProbe.generateClip(clip, 640, 360, 5);
    }

    @AfterAll
    void stopStack() throws Exception {
        if (webhooks != null) {
            webhooks.close();
        }
    }

    private String submit(JsonNode source, String prefix, String webhookPath) throws Exception {
        Map<String, Object> output = Map.of("outputId", "hls", "format", "HLS_FMP4", "qualities", LADDER,
                "segmentSeconds", 2, "destination", Map.of("bucket", PipelineHarness.OUTPUTS, "prefix", prefix));
        Map<String, Object> job = Map.of("referenceId", "ref-" + prefix,
                "source", Map.of("bucket", source.get("bucket").asText(), "key", source.get("key").asText()),
                "outputs", List.of(output), "webhookUrl", webhooks.url(webhookPath));
        HttpResponse<String> response = stack.post(stack.url("ingest-service", "/jobs"), job);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return stack.json.readTree(response.body()).get("jobId").asText();
    }


    private String read(String key) {
        return stack.s3.getObjectAsBytes(g -> g.bucket(PipelineHarness.OUTPUTS).key(key)).asUtf8String();
    }

    @Test
    void encodesALadderThatPlayersCanReadBack() throws Exception {
        JsonNode source = stack.upload(clip);
        String jobId = submit(source, "e2e/ladder", "/hooks/ladder");

        JsonNode state = awaitFinalJob(jobId);

        assertThat(state.get("status").asText()).as(state.toString()).isEqualTo("COMPLETE");
        JsonNode output = state.get("outputs").get(0);
        assertThat(output.get("status").asText()).isEqualTo("READY");
        assertThat(output.get("percent").asDouble()).isEqualTo(100.0);
        JsonNode usage = output.get("usage");
        assertThat(usage.get("cpuSeconds").asDouble()).isPositive();
        assertThat(usage.get("peakRssBytes").asLong()).isPositive();
        assertThat(usage.get("wallSeconds").asDouble()).isPositive();

        Set<String> keys = stack.s3.listObjectsV2Paginator(l -> l.bucket(PipelineHarness.OUTPUTS).prefix("e2e/ladder/"))
                .contents().stream().map(o -> o.key().substring("e2e/ladder/".length())).collect(Collectors.toSet());
        MasterPlaylist master = new MasterPlaylistParser().readPlaylist(read("e2e/ladder/master.m3u8"));
        assertThat(master.variants()).hasSize(LADDER.size());
        assertThat(master.independentSegments()).isTrue();
        for (Variant variant : master.variants()) {
            assertThat(variant.bandwidth()).isPositive();
            assertThat(variant.resolution()).isPresent();
            assertThat(variant.codecs()).anyMatch(codec -> codec.startsWith("avc1"));
            assertRenditionIsComplete(variant.uri(), keys);
        }
        assertThat(master.variants().stream().map(v -> v.resolution().orElseThrow().height()))
                .containsExactly(360, 240, 144);
        // encode drops its attempt records just after its last event, in parallel with the delivery
        Await.until("staged files and attempt records removed", Duration.ofSeconds(30), () -> Optional.of(true)
                .filter(ignored -> stack.s3.listObjectsV2(l -> l.bucket(PipelineHarness.WORK)).contents().stream()
                        .noneMatch(object -> !object.key().endsWith("/"))));

        assertPlayableOverHttp(output.get("playlistUrl").asText(), master.variants().size());

        Await.until("the job's webhook", Duration.ofSeconds(30), () -> webhooks.deliveriesTo("/hooks/ladder")
                .stream().findFirst());
        List<WebhookReceiver.Delivery> hooks = webhooks.deliveriesTo("/hooks/ladder").stream()
                .filter(delivery -> delivery.body().contains("\"event\":\"job.")).toList();
        assertThat(hooks).hasSize(1);
        JsonNode hook = stack.json.readTree(hooks.get(0).body());
        assertThat(hook.get("jobId").asText()).isEqualTo(jobId);
        assertThat(hook.get("referenceId").asText()).isEqualTo("ref-e2e/ladder");
        assertThat(hook.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(hook.get("outputs").get(0).get("playlistUrl").asText()).isEqualTo(output.get("playlistUrl").asText());
    }

    /** Every file the rendition playlist names exists, and every segment starts with a key frame. */
    private void assertRenditionIsComplete(String playlistPath, Set<String> keys) throws Exception {
        String folder = playlistPath.substring(0, playlistPath.lastIndexOf('/') + 1);
        MediaPlaylist playlist = new MediaPlaylistParser().readPlaylist(read("e2e/ladder/" + playlistPath));
        assertThat(playlist.ongoing()).as("VOD playlist is closed").isFalse();
        String init = folder + playlist.mediaSegments().get(0).segmentMap().orElseThrow().uri();
        assertThat(keys).contains(init);
        double total = 0;
        for (MediaSegment segment : playlist.mediaSegments()) {
            String key = folder + segment.uri();
            assertThat(keys).contains(key);
            total += segment.duration();
            Path joined = stack.workDir.resolve("check-" + key.replace('/', '_') + ".mp4");
            try (OutputStream out = Files.newOutputStream(joined)) {
                out.write(stack.s3.getObjectAsBytes(g -> g.bucket(PipelineHarness.OUTPUTS).key("e2e/ladder/" + init)).asByteArray());
                out.write(stack.s3.getObjectAsBytes(g -> g.bucket(PipelineHarness.OUTPUTS).key("e2e/ladder/" + key)).asByteArray());
            }
            List<Integer> flags = MediaProbe.keyFrameFlags(joined);
            assertThat(flags).as("frames of " + key).isNotEmpty();
            assertThat(flags.get(0)).as("first frame of " + key + " is a key frame").isEqualTo(1);
        }
        assertThat(total).as("segment durations add up to the source").isBetween(4.0, 6.5);
    }

    /** ffprobe opens the published master over HTTP and ffmpeg decodes frames of every rendition from it. */
    private void assertPlayableOverHttp(String masterUrl, int renditions) throws Exception {
        MediaProbe.Result probe = MediaProbe.run(List.of(MediaProbe.ffprobe(), "-v", "error", "-show_entries",
                "stream=codec_type,width,height", "-of", "json", masterUrl));
        assertThat(probe.exitCode()).as(probe.stderr()).isZero();
        long videoStreams = stack.json.readTree(probe.stdout()).get("streams").findValues("codec_type").stream()
                .filter(type -> type.asText().equals("video")).count();
        assertThat(videoStreams).isEqualTo(renditions);
        for (int i = 0; i < renditions; i++) {
            MediaProbe.Result decode = MediaProbe.run(List.of(MediaProbe.ffmpeg(), "-v", "error", "-i", masterUrl,
                    "-map", "0:v:" + i, "-frames:v", "10", "-f", "null", "-"));
            assertThat(decode.exitCode()).as("decoding rendition " + i + ": " + decode.stderr()).isZero();
        }
    }

    @Test
    void eventsTravelInConfluentWireFormatWithSchemasInTheRegistry() throws Exception {
        JsonNode missing = stack.json.valueToTree(Map.of("bucket", PipelineHarness.SOURCES, "key", "uploads/none/wire.mp4"));
        String jobId = submit(missing, "e2e/wire", "/hooks/wire");

        byte[] value = RawTopicReader.first(stack.kafka.bootstrapServers(), Topics.JOB_REQUESTED.name(), jobId,
                Duration.ofSeconds(30)).value();

        assertThat(value[0]).as("magic byte").isEqualTo((byte) 0);
        int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
        HttpResponse<String> schema = stack.get(stack.registryBase + "/apis/ccompat/v7/schemas/ids/" + schemaId);
        assertThat(schema.statusCode()).as(schema.body()).isEqualTo(200);
        assertThat(stack.json.readTree(schema.body()).get("schema").asText()).contains("\"JobRequested\"");
    }

    @Test
    void aRecordThatIsNotAvroIsParkedOnTheDeadLetterTopicAndTheServiceMovesOn() throws Exception {
        String poisonKey = "poison-" + java.util.UUID.randomUUID();
        RawTopicReader.publish(stack.kafka.bootstrapServers(), Topics.JOB_REQUESTED.name(), poisonKey,
                "this is not avro".getBytes(StandardCharsets.UTF_8));

        ConsumerRecord<String, byte[]> parked = RawTopicReader.first(stack.kafka.bootstrapServers(),
                Topics.JOB_REQUESTED.deadLetterName(), poisonKey, Duration.ofSeconds(60));

        assertThat(new String(parked.value(), StandardCharsets.UTF_8)).isEqualTo("this is not avro");
        assertThat(header(parked, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.JOB_REQUESTED.name());
        assertThat(header(parked, DeadLetters.ERROR_CLASS)).isNotBlank();
        JsonNode missing = stack.json.valueToTree(Map.of("bucket", PipelineHarness.SOURCES, "key", "uploads/none/after-poison.mp4"));
        String jobId = submit(missing, "e2e/after-poison", "/hooks/after-poison");
        assertThat(awaitFinalJob(jobId).get("failure").get("reason").asText()).isEqualTo("SOURCE_NOT_FOUND");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void aSourceThatDoesNotExistFailsTheJobWithSourceNotFound() throws Exception {
        JsonNode missing = stack.json.valueToTree(Map.of("bucket", PipelineHarness.SOURCES, "key", "uploads/none/missing.mp4"));
        String jobId = submit(missing, "e2e/missing", "/hooks/missing");

        JsonNode state = awaitFinalJob(jobId);

        assertThat(state.get("status").asText()).isEqualTo("FAILED");
        assertThat(state.get("failure").get("reason").asText()).isEqualTo("SOURCE_NOT_FOUND");
        assertThat(state.get("outputs").get(0).get("status").asText()).isEqualTo("FAILED");
    }

    private JsonNode awaitFinalJob(String jobId) throws InterruptedException {
        return stack.awaitFinal(jobId, JOB_DEADLINE);
    }
}
