package io.reelay.upload;

import io.reelay.events.FileKind;
import io.reelay.events.ObjectLocation;
import io.reelay.events.SegmentEncoded;
import io.reelay.storage.StagingLayout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One attempt of an HLS output as encode stages it: per rendition an init segment, media segments and a media
 * playlist naming them, then the master playlist as the last file; with the segment-encoded event of every file in
 * the order encode publishes them. Media bytes are random per attempt, so two attempts never look alike.
 */
final class StagedOutput {

    static final StagingLayout STAGING = new StagingLayout(UploadInstance.STAGING_BUCKET, "staging");
    private static final List<String> RENDITIONS = List.of("720p", "360p");

    private final String jobId;
    private final String outputId;
    private final int attempt;
    private final ObjectLocation destination;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final List<SegmentEncoded> events = new ArrayList<>();

    private StagedOutput(String jobId, String outputId, int attempt, String destinationBucket, int segments) {
        this.jobId = jobId;
        this.outputId = outputId;
        this.attempt = attempt;
        this.destination = new ObjectLocation(destinationBucket, jobId + "/" + outputId);
        Random random = new Random(31L * jobId.hashCode() + attempt);
        for (String rendition : RENDITIONS) {
            add(FileKind.INIT, rendition, rendition + "/init.mp4", media(random, 2_000));
            for (int number = 1; number <= segments; number++) {
                add(FileKind.SEGMENT, rendition, "%s/seg_%05d.m4s".formatted(rendition, number),
                        media(random, 150_000));
            }
        }
        for (String rendition : RENDITIONS) {
            add(FileKind.PLAYLIST, rendition, rendition + "/playlist.m3u8", mediaPlaylist(segments));
        }
        add(FileKind.MASTER_PLAYLIST, null, "master.m3u8", masterPlaylist());
    }

    static StagedOutput hls(String jobId, String outputId, int attempt, String destinationBucket, int segments) {
        return new StagedOutput(jobId, outputId, attempt, destinationBucket, segments);
    }

    List<SegmentEncoded> events() {
        return events;
    }

    SegmentEncoded last() {
        return events.get(events.size() - 1);
    }

    /** Stages the files of events {@code from} (inclusive) to {@code to} (exclusive), as encode does before publishing. */
    void stage(S3Client s3, int from, int to) {
        for (SegmentEncoded event : events.subList(from, to)) {
            s3.putObject(p -> p.bucket(event.getStaged().getBucket()).key(event.getStaged().getKey()),
                    RequestBody.fromBytes(files.get(event.getPath())));
        }
    }

    void stageAll(S3Client s3) {
        stage(s3, 0, events.size());
    }

    byte[] bytesOf(String path) {
        return files.get(path);
    }

    /** Key of a file in the output's destination bucket. */
    String destinationKey(String path) {
        return destination.getKey() + "/" + path;
    }

    String destinationBucket() {
        return destination.getBucket();
    }

    /** Staging prefix of this attempt, with its trailing slash. */
    String stagedPrefix() {
        return STAGING.outputPrefix(jobId, outputId, attempt) + "/";
    }

    private void add(FileKind kind, String rendition, String path, byte[] bytes) {
        files.put(path, bytes);
        events.add(SegmentEncoded.newBuilder()
                .setJobId(jobId)
                .setOutputId(outputId)
                .setAttempt(attempt)
                .setSequence(events.size())
                .setKind(kind)
                .setRendition(rendition)
                .setPath(path)
                .setStaged(new ObjectLocation(STAGING.bucket(), STAGING.keyOf(jobId, outputId, attempt, path)))
                .setDestination(destination)
                .setSizeBytes(bytes.length)
                .setLast(kind == FileKind.MASTER_PLAYLIST)
                .setFileCount(kind == FileKind.MASTER_PLAYLIST ? files.size() : 0)
                .setEncodedAt(Instant.now())
                .build());
    }

    private static byte[] media(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] mediaPlaylist(int segments) {
        StringBuilder playlist = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:4\n"
                + "#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-MAP:URI=\"init.mp4\"\n");
        for (int number = 1; number <= segments; number++) {
            playlist.append("#EXTINF:4.000000,\n").append("seg_%05d.m4s\n".formatted(number));
        }
        return playlist.append("#EXT-X-ENDLIST\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] masterPlaylist() {
        StringBuilder master = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n");
        for (String rendition : RENDITIONS) {
            master.append("#EXT-X-STREAM-INF:BANDWIDTH=1000000,CODECS=\"avc1.64001f,mp4a.40.2\"\n")
                    .append(rendition).append("/playlist.m3u8\n");
        }
        return master.toString().getBytes(StandardCharsets.UTF_8);
    }
}
