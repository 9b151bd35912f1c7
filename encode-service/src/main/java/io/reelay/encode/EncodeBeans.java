package io.reelay.encode;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.reelay.encode.core.FfmpegCommand;
import io.reelay.encode.staging.JobEncoder;
import io.reelay.encode.staging.OutputEncoder;
import io.reelay.encode.staging.S3ObjectStore;
import io.reelay.encode.staging.ScratchDirs;
import io.reelay.storage.StagingLayout;
import jakarta.inject.Singleton;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.ffmpeg.ffmpeg;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.nio.file.Path;
import java.time.Duration;

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
                                @Value("${reelay.encode.preset:veryfast}") String preset,
                                @Nullable @Value("${reelay.encode.scratch-dir:}") String scratchDir,
                                StagingLayout layout, S3ObjectStore store, SegmentEncodedProducer producer) {
        String ffmpegPath = ffmpegBin == null || ffmpegBin.isBlank() ? Loader.load(ffmpeg.class) : ffmpegBin;
        Path scratchRoot = scratchDir == null || scratchDir.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "reelay-encode") : Path.of(scratchDir);
        return new OutputEncoder(new FfmpegCommand.Settings(ffmpegPath, preset), new ScratchDirs(scratchRoot),
                layout, store, event -> producer.publish(event.getJobId(), event));
    }

    @Singleton
    JobEncoder jobEncoder(OutputEncoder outputEncoder, S3Presigner presigner,
                          @Value("${reelay.encode.source-url-ttl:6h}") Duration sourceUrlTtl) {
        return new JobEncoder(outputEncoder, source -> presigner.presignGetObject(request -> request
                .signatureDuration(sourceUrlTtl)
                .getObjectRequest(get -> get.bucket(source.getBucket()).key(source.getKey())))
                .url().toString());
    }
}
