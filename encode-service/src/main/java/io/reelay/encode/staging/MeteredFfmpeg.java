package io.reelay.encode.staging;

import io.reelay.encode.core.UsageMeter;
import io.reelay.encode.process.FfmpegProcess;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs ffmpeg processes under a {@link UsageMeter}, and kills every one still running when the service stops, so
 * that stopping leaves no orphan ffmpeg behind and the interrupted work stays open for redelivery.
 */
final class MeteredFfmpeg implements AutoCloseable {

    /** Called while ffmpeg runs, between samples. */
    interface Tick {
        void on(FfmpegProcess ffmpeg) throws IOException;
    }

    /** Reads the outcome once ffmpeg has ended (its exit code, progress, stderr). */
    interface Outcome<T> {
        T of(FfmpegProcess ffmpeg) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(MeteredFfmpeg.class);

    private final Set<FfmpegProcess> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    /**
     * Runs the command to its end, sampling its usage every {@code interval}.
     *
     * @throws EncodeStoppedException when {@link #close()} killed it
     */
    <T> T run(List<String> command, UsageMeter meter, Duration interval, Tick tick, Outcome<T> outcome)
            throws IOException, InterruptedException {
        try (FfmpegProcess ffmpeg = FfmpegProcess.start(command, progress -> {
            if (progress.ended()) {
                // the last moment the process's counters are certainly still there
                meter.sample();
            }
        })) {
            meter.start(ffmpeg.pid());
            running.add(ffmpeg);
            LOG.info("ffmpeg started pid={}", ffmpeg.pid());
            try {
                while (!ffmpeg.waitFor(interval)) {
                    meter.sample();
                    tick.on(ffmpeg);
                }
            } finally {
                running.remove(ffmpeg);
            }
            meter.stop();
            if (closing) {
                throw new EncodeStoppedException();
            }
            return outcome.of(ffmpeg);
        }
    }

    /** True once the service is stopping: whatever fails now failed because its ffmpeg was killed. */
    boolean closing() {
        return closing;
    }

    @Override
    public void close() {
        closing = true;
        running.forEach(FfmpegProcess::kill);
    }
}
