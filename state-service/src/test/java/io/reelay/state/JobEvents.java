package io.reelay.state;

import io.reelay.events.AudioCodec;
import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.FileKind;
import io.reelay.events.JobRequested;
import io.reelay.events.MediaInfo;
import io.reelay.events.ObjectLocation;
import io.reelay.events.OutputFormat;
import io.reelay.events.OutputPlan;
import io.reelay.events.OutputRequest;
import io.reelay.events.Probed;
import io.reelay.events.Rendition;
import io.reelay.events.RevokeAcknowledged;
import io.reelay.events.Revoked;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.StreamInfo;
import io.reelay.events.Uploaded;
import io.reelay.events.Usage;
import io.reelay.events.VideoCodec;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Events of a test job whose source lasts {@value #DURATION_SECONDS} seconds. Each event takes its time from the
 * second passed in, counted from {@link #T0}, so tests can state the order in which things happen.
 */
public final class JobEvents {

    /** Tenant of every test job: the one whose key {@code TestApiKey} sends. */
    public static final String TENANT = "test";
    public static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    public static final double DURATION_SECONDS = 4.0;
    public static final ObjectLocation SOURCE = new ObjectLocation("sources", "clips/talk.mp4");
    public static final List<Rendition> LADDER = List.of(
            new Rendition("360p", 640, 360, 800_000, 96_000),
            new Rendition("240p", 426, 240, 400_000, 64_000));

    private JobEvents() {
    }

    public static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    public static JobRequested requested(String jobId, String webhookUrl, String... outputIds) {
        return JobRequested.newBuilder()
                .setJobId(jobId)
                .setTenant(TENANT)
                .setReferenceId("ref-" + jobId)
                .setSource(SOURCE)
                .setOutputs(Arrays.stream(outputIds).map(outputId -> OutputRequest.newBuilder()
                        .setOutputId(outputId)
                        .setFormat(OutputFormat.HLS_FMP4)
                        .setDestination(destination(outputId))
                        .build()).toList())
                .setWebhookUrl(webhookUrl)
                .setRequestedAt(at(0))
                .build();
    }

    public static Probed probed(String jobId, int second, String... outputIds) {
        return Probed.newBuilder()
                .setJobId(jobId)
                .setSource(SOURCE)
                .setMedia(media())
                .setPlan(Arrays.stream(outputIds).map(outputId -> plan(outputId, null)).toList())
                .setProbedAt(at(second))
                .build();
    }

    public static Probed probedWithFailedPlan(String jobId, int second, String goodOutputId, String badOutputId) {
        Failure noVideo = new Failure(FailureReason.SOURCE_HAS_NO_VIDEO, "The source has no video stream");
        return Probed.newBuilder(probed(jobId, second))
                .setPlan(List.of(plan(goodOutputId, null), plan(badOutputId, noVideo)))
                .build();
    }

    public static Probed probeFailed(String jobId, int second) {
        return Probed.newBuilder()
                .setJobId(jobId)
                .setSource(SOURCE)
                .setFailure(new Failure(FailureReason.SOURCE_NOT_FOUND, "No object sources/clips/talk.mp4"))
                .setProbedAt(at(second))
                .build();
    }

    /** Media segment {@code sequence} of a rendition, covering two seconds from {@code mediaStart}. */
    public static SegmentEncoded segment(String jobId, String outputId, int attempt, int sequence, double mediaStart,
                                         int second) {
        return file(jobId, outputId, attempt, sequence, FileKind.SEGMENT, "360p/seg_%05d.m4s".formatted(sequence))
                .setSizeBytes(100_000)
                .setMediaStartSeconds(mediaStart)
                .setMediaDurationSeconds(2.0)
                .setEncodedSeconds(mediaStart + 2.0)
                .setEncodedAt(at(second))
                .build();
    }

    /** The master playlist: the last file of an output attempt, carrying its usage. */
    public static SegmentEncoded masterPlaylist(String jobId, String outputId, int attempt, int sequence,
                                                int second) {
        return file(jobId, outputId, attempt, sequence, FileKind.MASTER_PLAYLIST, "master.m3u8")
                .setSizeBytes(300)
                .setEncodedSeconds(DURATION_SECONDS)
                .setLast(true)
                .setFileCount(sequence + 1)
                .setUsage(usage())
                .setEncodedAt(at(second))
                .build();
    }

    public static SegmentEncoded encodeFailed(String jobId, String outputId, int attempt, int second) {
        return file(jobId, outputId, attempt, 0, FileKind.NONE, "")
                .setLast(true)
                .setFailure(new Failure(FailureReason.ENCODE_FAILED, "ffmpeg exited with status 1"))
                .setEncodedAt(at(second))
                .build();
    }

    public static Uploaded uploaded(String jobId, String outputId, int attempt, int second) {
        return Uploaded.newBuilder()
                .setJobId(jobId)
                .setOutputId(outputId)
                .setAttempt(attempt)
                .setDestination(destination(outputId))
                .setPlaylistUrl(playlistUrl(outputId))
                .setBytes(512_000)
                .setObjectCount(7)
                .setUsage(usage())
                .setUploadedAt(at(second))
                .build();
    }

    public static Uploaded uploadFailed(String jobId, String outputId, int attempt, int second) {
        return Uploaded.newBuilder(uploaded(jobId, outputId, attempt, second))
                .setPlaylistUrl(null)
                .setBytes(0)
                .setObjectCount(0)
                .setFailure(new Failure(FailureReason.UPLOAD_FAILED, "Access denied to bucket outputs"))
                .build();
    }

    public static Revoked revoked(String jobId, String outputId, int second) {
        return Revoked.newBuilder()
                .setJobId(jobId)
                .setOutputId(outputId)
                .setTenant(TENANT)
                .setReason("Customer cancelled")
                .setRevokedAt(at(second))
                .build();
    }

    /** What {@code service} reports for the revoke of the job ({@code outputId} null) or of one output. */
    public static RevokeAcknowledged acknowledged(String jobId, String outputId, String service, int stopped,
                                                  int second) {
        return RevokeAcknowledged.newBuilder()
                .setJobId(jobId)
                .setOutputId(outputId)
                .setService(service)
                .setInstance(service + "-host:4242")
                .setStoppedProcesses(stopped)
                .setDeletedFiles(2 * stopped)
                .setDeletedObjects(3 * stopped)
                .setAcknowledgedAt(at(second))
                .build();
    }

    public static String playlistUrl(String outputId) {
        return "http://127.0.0.1:9000/outputs/" + outputId + "/master.m3u8";
    }

    public static Usage usage() {
        return new Usage(3.5, 120_000_000L, 2.5, DURATION_SECONDS, 512_000L, 7);
    }

    public static MediaInfo media() {
        return new MediaInfo("mov,mp4,m4a,3gp,3g2,mj2", DURATION_SECONDS, 250_000L, 500_000L, List.of(
                new StreamInfo(0, "video", "h264", 320, 240, 0, 25.0, 400_000L, null, null, null),
                new StreamInfo(1, "audio", "aac", null, null, 0, null, 96_000L, 2, 48_000, "eng")));
    }

    private static OutputPlan plan(String outputId, Failure failure) {
        return OutputPlan.newBuilder()
                .setOutputId(outputId)
                .setFormat(OutputFormat.HLS_FMP4)
                .setVideoCodec(VideoCodec.H264)
                .setAudioCodec(AudioCodec.AAC)
                .setIncludeAudio(true)
                .setSegmentSeconds(2.0)
                .setRenditions(failure == null ? LADDER : List.of())
                .setDestination(destination(outputId))
                .setFailure(failure)
                .build();
    }

    private static SegmentEncoded.Builder file(String jobId, String outputId, int attempt, int sequence,
                                               FileKind kind, String path) {
        return SegmentEncoded.newBuilder()
                .setJobId(jobId)
                .setOutputId(outputId)
                .setAttempt(attempt)
                .setSequence(sequence)
                .setKind(kind)
                .setPath(path)
                .setDestination(destination(outputId))
                .setDurationSeconds(DURATION_SECONDS);
    }

    private static ObjectLocation destination(String outputId) {
        return new ObjectLocation("outputs", outputId);
    }
}
