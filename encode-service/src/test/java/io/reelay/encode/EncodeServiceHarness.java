package io.reelay.encode;

import io.micronaut.context.ApplicationContext;
import io.reelay.encode.core.Plans;
import io.reelay.encode.staging.Ffmpeg;
import io.reelay.encode.staging.S3Server;
import io.reelay.events.MediaInfo;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputPlan;
import io.reelay.events.Probed;
import io.reelay.events.RevokeAcknowledged;
import io.reelay.events.Revoked;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.StreamInfo;
import io.reelay.revoke.PartitionOwnership;
import io.reelay.schemas.Topic;
import io.reelay.schemas.Topics;
import io.reelay.testing.SelfDescribingAvroSerde;
import io.reelay.testing.TestKafka;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.fail;

/**
 * What encode-service instances run against in the service tests, all real and in this JVM: a single-node KRaft
 * broker with every topic, an S3 API server holding a generated source clip, and the real ffmpeg behind a stand-in
 * script that gives chosen outputs a behaviour (see {@link #standInScript}). Records every event published on
 * segment-encoded and revoke-acknowledged.
 */
final class EncodeServiceHarness implements AutoCloseable {

    static final int PARTITIONS = 2;
    static final Duration DEADLINE = Duration.ofSeconds(120);
    static final String ATTEMPTS_PREFIX = "encode-attempts";
    private static final String SOURCE_BUCKET = "sources";
    private static final String STAGING_BUCKET = "reelay-work";
    private static final ObjectLocation SOURCE = new ObjectLocation(SOURCE_BUCKET, "clip.mp4");

    private final TestKafka kafka;
    private final S3Server s3Server;
    private final S3Client s3;
    private final Path work;
    private final int clipSeconds;
    private final KafkaConsumer<String, SpecificRecord> recorder;
    private final List<SpecificRecord> recorded = new CopyOnWriteArrayList<>();
    private final Thread recording;

    private EncodeServiceHarness(TestKafka kafka, S3Server s3Server, Path work, int clipSeconds) {
        this.kafka = kafka;
        this.s3Server = s3Server;
        this.s3 = s3Server.client();
        this.work = work;
        this.clipSeconds = clipSeconds;
        this.recorder = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringDeserializer(), new SelfDescribingAvroSerde.Reader());
        this.recording = new Thread(this::record, "recorded-events");
    }

    /** Starts the broker and the S3 server, and stores a source clip of {@code clipSeconds} seconds. */
    static EncodeServiceHarness start(Path work, int clipSeconds) throws Exception {
        EncodeServiceHarness harness = new EncodeServiceHarness(TestKafka.start(PARTITIONS), S3Server.start(), work,
                clipSeconds);
        harness.storeSource();
        harness.recording.start();
        return harness;
    }

    /** Starts an instance of the service; it joins the one encode consumer group every instance joins. */
    ApplicationContext startInstance() {
        Map<String, Object> properties = new HashMap<>(s3Server.serviceProperties());
        properties.putAll(kafka.serviceProperties());
        properties.put("reelay.staging.bucket", STAGING_BUCKET);
        properties.put("reelay.encode.scratch-dir", scratchRoot().toString());
        properties.put("reelay.encode.attempts-prefix", ATTEMPTS_PREFIX);
        properties.put("reelay.ffmpeg.bin", work.resolve("ffmpeg-stand-in.sh").toString());
        properties.put("reelay.encode.retries", 2);
        properties.put("reelay.encode.retry-backoff", "200ms");
        properties.put("reelay.encode.max-retry-backoff", "1s");
        ApplicationContext instance = ApplicationContext.run(properties);
        PartitionOwnership ownership = instance.getBean(PartitionOwnership.class);
        await(() -> ownership.owns("any") ? Optional.of(true) : Optional.empty(), DEADLINE,
                "the instance owns a partition");
        return instance;
    }

    Path scratchRoot() {
        return work.resolve("scratch");
    }

    /** A probed job over the source clip with these outputs, as probe publishes it. */
    Probed probed(String jobId, List<OutputPlan> outputs) {
        MediaInfo media = new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", (double) clipSeconds, 100_000L, 400_000L, List.of(
                StreamInfo.newBuilder().setIndex(0).setType("video").setCodec("h264").setWidth(320).setHeight(240)
                        .setFrameRate(25.0).build(),
                StreamInfo.newBuilder().setIndex(1).setType("audio").setCodec("aac").setChannels(1)
                        .setSampleRate(44100).build()));
        return Probed.newBuilder().setJobId(jobId).setSource(SOURCE).setMedia(media).setPlan(outputs)
                .setProbedAt(Instant.now()).build();
    }

    /** A one-rendition HLS output with 1 s segments. */
    static OutputPlan output(String outputId) {
        return Plans.hls(outputId, 1, true, List.of(Plans.rendition("240p", 320, 240, 400_000, 64_000)));
    }

    static Revoked revoke(String jobId, String outputId) {
        return Revoked.newBuilder().setJobId(jobId).setOutputId(outputId).setRevokedAt(Instant.now()).build();
    }

    void publish(Topic<?> topic, String jobId, SpecificRecord event) throws Exception {
        kafka.publish(topic, jobId, event);
    }

    /** Every segment-encoded event of the output so far, in publishing order. */
    List<SegmentEncoded> events(String jobId, String outputId) {
        return recorded.stream().filter(SegmentEncoded.class::isInstance).map(SegmentEncoded.class::cast)
                .filter(event -> event.getJobId().equals(jobId) && event.getOutputId().equals(outputId))
                .toList();
    }

    /** Waits for the output's event that ends an attempt (the last file, or a failure). */
    SegmentEncoded awaitLast(String jobId, String outputId) {
        return await(() -> events(jobId, outputId).stream().filter(SegmentEncoded::getLast).findFirst(), DEADLINE,
                "the last event of " + jobId + "/" + outputId);
    }

    List<RevokeAcknowledged> acknowledgements(String jobId) {
        return recorded.stream().filter(RevokeAcknowledged.class::isInstance).map(RevokeAcknowledged.class::cast)
                .filter(acknowledgement -> acknowledgement.getJobId().equals(jobId))
                .toList();
    }

    /** Keys of the job's attempt records in the work bucket. */
    List<String> attemptRecords(String jobId) {
        return workKeys(ATTEMPTS_PREFIX + "/" + jobId + "/");
    }

    /** Keys of the files staged for the output, by any attempt. */
    List<String> stagedFiles(String jobId, String outputId) {
        return workKeys("staging/" + jobId + "/" + outputId + "/");
    }

    /** The running ffmpeg processes of this JVM whose arguments name the output (its scratch dir does). */
    static List<ProcessHandle> ffmpegsOf(String jobId, String outputId) {
        return Ffmpeg.runningWith("/" + jobId + "/" + outputId + "/");
    }

    private List<String> workKeys(String prefix) {
        return s3.listObjectsV2Paginator(request -> request.bucket(STAGING_BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    static <T> T await(Supplier<Optional<T>> condition, Duration deadline, String what) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("%s within %s", what, deadline);
    }

    @Override
    public void close() throws Exception {
        recorder.wakeup();
        recording.join();
        s3.close();
        s3Server.close();
        kafka.close();
    }

    private void storeSource() throws Exception {
        Path clip = Ffmpeg.generateClip(work.resolve("clip.mp4"), clipSeconds);
        s3.createBucket(request -> request.bucket(SOURCE_BUCKET));
        s3.putObject(request -> request.bucket(SOURCE.getBucket()).key(SOURCE.getKey()), RequestBody.fromFile(clip));
        standInScript(work.resolve("ffmpeg-stand-in.sh"), Ffmpeg.ffmpegPath(), work.resolve("failed-once"));
    }

    /**
     * An ffmpeg for the service that runs the real one, except for outputs whose id names a behaviour: "realtime"
     * reads the source at its native rate (an encode that lasts as long as the clip), "fails-once" crashes the
     * first time any such output runs, "always-fails" crashes every time. Exec keeps ffmpeg's process the one
     * the service started.
     */
    private static void standInScript(Path script, String realFfmpeg, Path failedOnceMarker) throws IOException {
        Files.writeString(script, String.join("\n",
                "#!/bin/sh",
                "case \"$*\" in",
                "  *always-fails*) echo 'simulated ffmpeg crash' >&2; exit 1 ;;",
                "  *fails-once*) if mkdir '" + failedOnceMarker + "' 2>/dev/null; then",
                "      echo 'simulated ffmpeg crash' >&2; exit 1; fi ;;",
                "  *realtime*) exec '" + realFfmpeg + "' -re \"$@\" ;;",
                "esac",
                "exec '" + realFfmpeg + "' \"$@\"",
                ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void record() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<?> topic : List.of(Topics.SEGMENT_ENCODED, Topics.REVOKE_ACKNOWLEDGED)) {
            recorder.partitionsFor(topic.name())
                    .forEach(info -> partitions.add(new TopicPartition(topic.name(), info.partition())));
        }
        recorder.assign(partitions);
        recorder.seekToBeginning(partitions);
        try (recorder) {
            while (true) {
                for (ConsumerRecord<String, SpecificRecord> record : recorder.poll(Duration.ofMillis(100))) {
                    recorded.add(record.value());
                }
            }
        } catch (WakeupException closing) {
            // the harness is closing
        }
    }
}
