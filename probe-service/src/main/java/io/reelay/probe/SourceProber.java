package io.reelay.probe;

import io.reelay.events.ObjectLocation;
import io.reelay.probe.core.FfprobeCommand;
import io.reelay.probe.core.ProbeOutcome;
import io.reelay.probe.core.ProcessRunner;
import io.reelay.storage.TransientStoreErrors;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Looks at a job's source without downloading it. A HEAD request settles whether the object exists, may be read
 * and has any bytes, answers ffprobe could only give as opaque HTTP errors; then ffprobe reads just the parts it
 * needs through a presigned GET URL, with HTTP range requests.
 */
@Singleton
public class SourceProber {

    // The URL only has to outlive the ffprobe run; the margin absorbs clock skew with the object store.
    private static final Duration URL_VALIDITY_MARGIN = Duration.ofHours(1);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final FfprobeCommand ffprobe;
    private final ProcessRunner runner;
    private final Duration timeout;

    public SourceProber(S3Client s3, S3Presigner presigner, FfprobeCommand ffprobe, ProcessRunner runner,
                        ProbeSettings settings) {
        this.s3 = s3;
        this.presigner = presigner;
        this.ffprobe = ffprobe;
        this.runner = runner;
        this.timeout = settings.timeout();
    }

    /**
     * Probes once.
     *
     * @param onStart told of the ffprobe process once it runs, so that a revoke can kill it
     * @throws InterruptedException when the service shuts down mid-probe; the job is then probed again later
     */
    public ProbeOutcome probe(ObjectLocation source, Consumer<Process> onStart) throws InterruptedException {
        String url;
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(source.getBucket()).key(source.getKey()));
            if (Long.valueOf(0).equals(head.contentLength())) {
                return new ProbeOutcome.SourceEmpty();
            }
            url = presigner.presignGetObject(request -> request
                    .signatureDuration(timeout.plus(URL_VALIDITY_MARGIN))
                    .getObjectRequest(get -> get.bucket(source.getBucket()).key(source.getKey())))
                    .url().toString();
        } catch (S3Exception e) {
            return switch (e.statusCode()) {
                case 404 -> new ProbeOutcome.SourceMissing();
                case 403 -> new ProbeOutcome.SourceForbidden();
                default -> new ProbeOutcome.ProbeError("object store refused to describe the source: "
                        + e.getMessage(), TransientStoreErrors.isTransient(e));
            };
        } catch (SdkException e) {
            // no answer: refused or dropped connection, timeout; a request the client could not even make is permanent
            return new ProbeOutcome.ProbeError("object store unreachable: " + e.getMessage(),
                    TransientStoreErrors.isTransient(e));
        }
        try {
            return new ProbeOutcome.FfprobeFinished(runner.run(ffprobe.argumentsFor(url), timeout, onStart), url);
        } catch (IOException e) {
            return new ProbeOutcome.ProbeError("cannot run ffprobe: " + e.getMessage(), false);
        }
    }
}
