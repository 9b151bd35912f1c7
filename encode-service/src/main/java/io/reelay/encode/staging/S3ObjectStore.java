package io.reelay.encode.staging;

import io.reelay.events.ObjectLocation;
import io.reelay.storage.StoreRetries;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The work bucket of an S3-compatible store, where files are staged and attempts recorded. A request the store did
 * not answer, or answered that it cannot serve now, is sent again as {@code retries} says, so that an encode rides
 * out a store that restarts: ffmpeg goes on writing to the scratch dir meanwhile, and staging catches up.
 */
public final class S3ObjectStore implements ObjectStore {

    // Upload copies objects with their metadata, so the type set here is what players eventually receive.
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "m3u8", "application/vnd.apple.mpegurl",
            "mpd", "application/dash+xml",
            "m4s", "video/iso.segment",
            "mp4", "video/mp4",
            "ts", "video/mp2t");

    // a revoke kills the ffmpeg whose files these are, and the encode then ends on its own
    private static final BooleanSupplier NEVER_STOPPED = () -> false;

    private final S3Client s3;
    private final String bucket;
    private final StoreRetries retries;

    public S3ObjectStore(S3Client s3, String bucket, StoreRetries retries) {
        this.s3 = s3;
        this.bucket = bucket;
        this.retries = retries;
    }

    /** Creates the bucket unless it exists, so a fresh object store works without manual set-up. */
    public void ensureBucket() {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (S3Exception missing) {
            // HEAD answers carry no error code, only the status; not every S3 server maps it to NoSuchBucket
            if (missing.statusCode() != 404) {
                throw missing;
            }
            s3.createBucket(request -> request.bucket(bucket));
        }
    }

    @Override
    public ObjectLocation put(String key, Path file) {
        retries.run("staging " + key, NEVER_STOPPED, () -> s3.putObject(request -> request.bucket(bucket).key(key)
                .contentType(contentTypeOf(key)), RequestBody.fromFile(file)));
        return new ObjectLocation(bucket, key);
    }

    @Override
    public void putEmpty(String key) {
        retries.run("recording " + key, NEVER_STOPPED,
                () -> s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.empty()));
    }

    @Override
    public List<String> keysUnder(String prefix) {
        return retries.call("listing " + prefix, NEVER_STOPPED, () -> s3.listObjectsV2Paginator(request -> request
                .bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key).toList());
    }

    @Override
    public void delete(List<String> keys) {
        // one request per key: few keys at a time, and multi-object delete needs a checksum not every server takes
        keys.forEach(key -> retries.run("deleting " + key, NEVER_STOPPED,
                () -> s3.deleteObject(request -> request.bucket(bucket).key(key))));
    }

    static String contentTypeOf(String key) {
        String extension = key.substring(key.lastIndexOf('.') + 1);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
