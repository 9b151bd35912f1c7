package io.reelay.probe;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.reelay.probe.core.FfprobeCommand;
import io.reelay.probe.core.ProcessRunner;
import jakarta.inject.Singleton;
import org.bytedeco.ffmpeg.ffprobe;
import org.bytedeco.javacpp.Loader;

/** Where ffprobe comes from: {@code reelay.ffprobe.bin} when set, else the build bundled in the org.bytedeco jar. */
@Factory
public class FfprobeFactory {

    @Singleton
    FfprobeCommand ffprobeCommand(@Nullable @Value("${reelay.ffprobe.bin:}") String binary, ProbeSettings settings) {
        String path = binary == null || binary.isBlank() ? Loader.load(ffprobe.class) : binary;
        return new FfprobeCommand(path, settings.readTimeout());
    }

    @Singleton
    ProcessRunner processRunner() {
        return new ProcessRunner();
    }
}
