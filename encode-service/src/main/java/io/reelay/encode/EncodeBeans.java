package io.reelay.encode;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.reelay.encode.core.AttemptKeys;
import io.reelay.encode.core.EncoderPresets;
import io.reelay.encode.core.FfmpegCommand;
import io.reelay.encode.staging.AttemptLedger;
import io.reelay.encode.staging.JobEncoder;
import io.reelay.encode.staging.OutputEncoder;
import io.reelay.encode.staging.RunningEncodes;
import io.reelay.encode.staging.S3ObjectStore;
import io.reelay.encode.staging.S3WatermarkImages;
import io.reelay.encode.staging.ScratchDirs;
import io.reelay.encode.staging.ThumbnailEncoder;
import io.reelay.events.ObjectLocation;
import io.reelay.retry.RetryPolicy;
import io.reelay.revoke.Revocations;
import io.reelay.storage.StagingLayout;
import io.reelay.storage.StoreRetries;
import jakarta.inject.Singleton;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.ffmpeg.ffmpeg;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/** Wires the encode pipeline from configuration; the {@code reelay.encode.*} keys are in the README. */
@Factory
public class EncodeBeans {

    @Singleton
    S3ObjectStore stagingStore(S3Client s3, StagingLayout layout,
                               @Value("${reelay.encode.store-retries:8}") int retries,
                               @Value("${reelay.encode.store-retry-backoff:500ms}") Duration retryBackoff,
                               @Value("${reelay.encode.store-max-retry-backoff:10s}") Duration maxRetryBackoff) {
        S3ObjectStore store = new S3ObjectStore(s3, layout.bucket(),
                new StoreRetries(new RetryPolicy(retries, retryBackoff, maxRetryBackoff)));
        store.ensureBucket();
        return store;
    }

    @Singleton
    RunningEncodes runningEncodes(@Nullable @Value("${reelay.encode.scratch-dir:}") String scratchDir,
                                  S3ObjectStore store, StagingLayout layout, Revocations revocations) {
        return new RunningEncodes(new ScratchDirs(scratchDir == null || scratchDir.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "reelay-encode") : Path.of(scratchDir)),
                store, layout, revocations);
    }

    @Singleton
    OutputEncoder outputEncoder(@Nullable @Value("${reelay.ffmpeg.bin:}") String ffmpegBin,
                                @Value("${reelay.encode.preset:veryfast}") String x264Preset,
                                @Value("${reelay.encode.x265-preset:veryfast}") String x265Preset,
                                @Value("${reelay.encode.vp9-deadline:good}") String vp9Deadline,
                                @Value("${reelay.encode.vp9-cpu-used:4}") int vp9CpuUsed,
                                @Value("${reelay.encode.av1-preset:10}") int av1Preset,
                                StagingLayout layout, S3ObjectStore store, SegmentEncodedProducer producer,
                                S3Client s3, S3Presigner presigner,
                                @Value("${reelay.encode.source-url-ttl:6h}") Duration sourceUrlTtl,
                                RunningEncodes runningEncodes) {
        EncoderPresets presets = new EncoderPresets(x264Preset, x265Preset, vp9Deadline, vp9CpuUsed, av1Preset);
        return new OutputEncoder(new FfmpegCommand.Settings(ffmpegPath(ffmpegBin), presets), layout, store,
                event -> producer.publish(event.getJobId(), event),
                new S3WatermarkImages(s3, sourceUrls(presigner, sourceUrlTtl)), runningEncodes);
    }

    @Singleton
    ThumbnailEncoder thumbnailEncoder(@Nullable @Value("${reelay.ffmpeg.bin:}") String ffmpegBin,
                                      StagingLayout layout, S3ObjectStore store, SegmentEncodedProducer producer,
                                      S3Client s3, S3Presigner presigner,
                                      @Value("${reelay.encode.source-url-ttl:6h}") Duration sourceUrlTtl,
                                      RunningEncodes runningEncodes) {
        return new ThumbnailEncoder(ffmpegPath(ffmpegBin), layout, store,
                event -> producer.publish(event.getJobId(), event),
                new S3WatermarkImages(s3, sourceUrls(presigner, sourceUrlTtl)), runningEncodes);
    }

    @Singleton
    JobEncoder jobEncoder(OutputEncoder outputEncoder, ThumbnailEncoder thumbnailEncoder, S3Presigner presigner,
                          @Value("${reelay.encode.source-url-ttl:6h}") Duration sourceUrlTtl, S3ObjectStore store,
                          @Value("${reelay.encode.attempts-prefix:encode-attempts}") String attemptsPrefix,
                          @Value("${reelay.encode.retries:2}") int retries,
                          @Value("${reelay.encode.retry-backoff:2s}") Duration retryBackoff,
                          @Value("${reelay.encode.max-retry-backoff:1m}") Duration maxRetryBackoff,
                          RunningEncodes runningEncodes) {
        return new JobEncoder(outputEncoder, thumbnailEncoder, sourceUrls(presigner, sourceUrlTtl),
                new AttemptLedger(store, new AttemptKeys(attemptsPrefix)),
                new RetryPolicy(retries, retryBackoff, maxRetryBackoff), runningEncodes);
    }

    private static String ffmpegPath(String ffmpegBin) {
        return ffmpegBin == null || ffmpegBin.isBlank() ? Loader.load(ffmpeg.class) : ffmpegBin;
    }

    /** Presigned GET URLs ffmpeg reads sources from, valid for the whole of an encode. */
    private static Function<ObjectLocation, String> sourceUrls(S3Presigner presigner, Duration ttl) {
        return source -> presigner.presignGetObject(request -> request
                .signatureDuration(ttl)
                .getObjectRequest(get -> get.bucket(source.getBucket()).key(source.getKey())))
                .url().toString();
    }
}
