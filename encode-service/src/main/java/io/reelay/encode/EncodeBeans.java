package io.reelay.encode;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.reelay.encode.core.EncoderPresets;
import io.reelay.encode.core.FfmpegCommand;
import io.reelay.encode.staging.JobEncoder;
import io.reelay.encode.staging.OutputEncoder;
import io.reelay.encode.staging.S3ObjectStore;
import io.reelay.encode.staging.S3WatermarkImages;
import io.reelay.encode.staging.ScratchDirs;
import io.reelay.encode.staging.ThumbnailEncoder;
import io.reelay.events.ObjectLocation;
import io.reelay.storage.StagingLayout;
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
    S3ObjectStore stagingStore(S3Client s3, StagingLayout layout) {
        S3ObjectStore store = new S3ObjectStore(s3, layout.bucket());
        store.ensureBucket();
        return store;
    }

    @Singleton
    OutputEncoder outputEncoder(@Nullable @Value("${reelay.ffmpeg.bin:}") String ffmpegBin,
                                @Value("${reelay.encode.preset:veryfast}") String x264Preset,
                                @Value("${reelay.encode.x265-preset:veryfast}") String x265Preset,
                                @Value("${reelay.encode.vp9-deadline:good}") String vp9Deadline,
                                @Value("${reelay.encode.vp9-cpu-used:4}") int vp9CpuUsed,
                                @Value("${reelay.encode.av1-preset:10}") int av1Preset,
                                @Nullable @Value("${reelay.encode.scratch-dir:}") String scratchDir,
                                StagingLayout layout, S3ObjectStore store, SegmentEncodedProducer producer,
                                S3Client s3, S3Presigner presigner,
                                @Value("${reelay.encode.source-url-ttl:6h}") Duration sourceUrlTtl) {
        EncoderPresets presets = new EncoderPresets(x264Preset, x265Preset, vp9Deadline, vp9CpuUsed, av1Preset);
        return new OutputEncoder(new FfmpegCommand.Settings(ffmpegPath(ffmpegBin), presets), scratchDirs(scratchDir),
                layout, store, event -> producer.publish(event.getJobId(), event),
                new S3WatermarkImages(s3, sourceUrls(presigner, sourceUrlTtl)));
    }

    @Singleton
    JobEncoder jobEncoder(OutputEncoder outputEncoder, S3Presigner presigner,
                          @Value("${reelay.encode.source-url-ttl:6h}") Duration sourceUrlTtl) {
        return new JobEncoder(outputEncoder, sourceUrls(presigner, sourceUrlTtl));
    }

    @Singleton
    ThumbnailEncoder thumbnailEncoder(@Nullable @Value("${reelay.ffmpeg.bin:}") String ffmpegBin,
                                      @Nullable @Value("${reelay.encode.scratch-dir:}") String scratchDir,
                                      StagingLayout layout, S3ObjectStore store, SegmentEncodedProducer producer,
                                      S3Client s3, S3Presigner presigner,
                                      @Value("${reelay.encode.source-url-ttl:6h}") Duration sourceUrlTtl) {
        Function<ObjectLocation, String> urls = sourceUrls(presigner, sourceUrlTtl);
        return new ThumbnailEncoder(ffmpegPath(ffmpegBin), scratchDirs(scratchDir), layout, store,
                event -> producer.publish(event.getJobId(), event), urls, new S3WatermarkImages(s3, urls));
    }

    private static String ffmpegPath(String ffmpegBin) {
        return ffmpegBin == null || ffmpegBin.isBlank() ? Loader.load(ffmpeg.class) : ffmpegBin;
    }

    private static ScratchDirs scratchDirs(String scratchDir) {
        return new ScratchDirs(scratchDir == null || scratchDir.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "reelay-encode") : Path.of(scratchDir));
    }

    /** Presigned GET URLs ffmpeg reads sources from, valid for the whole of an encode. */
    private static Function<ObjectLocation, String> sourceUrls(S3Presigner presigner, Duration ttl) {
        return source -> presigner.presignGetObject(request -> request
                .signatureDuration(ttl)
                .getObjectRequest(get -> get.bucket(source.getBucket()).key(source.getKey())))
                .url().toString();
    }
}
