package io.reelay.upload;

import io.micronaut.context.annotation.Value;
import io.reelay.events.ObjectLocation;
import io.reelay.events.SegmentEncoded;
import io.reelay.storage.StagingLayout;
import io.reelay.upload.core.ContentTypes;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The object-store operations of upload: moving a staged file to its destination without copying what is already
 * there, and finding and removing what a job left behind. Each call is one step that is safe to repeat.
 */
@Singleton
class DeliveryStore {

    /** Metadata on every delivered object naming the job, output and attempt it belongs to, for revokes to find. */
    static final String JOB_METADATA = "reelay-job";
    static final String OUTPUT_METADATA = "reelay-output";
    static final String ATTEMPT_METADATA = "reelay-attempt";

    /** What became of a staged file. */
    enum Transfer {
        /** Copied to its destination now. */
        COPIED,
        /** The destination already held the same bytes (an earlier delivery): not copied again. */
        ALREADY_IN_PLACE,
        /** The staged copy is gone and the destination has the file: delivered and cleaned up before. */
        DELIVERED_BEFORE,
        /** Neither staged nor delivered: the attempt's staged files were discarded (failure, revoke, newer attempt). */
        DISCARDED
    }

    private final S3Client s3;
    private final StagingLayout staging;
    /** Canned ACL for delivered objects (e.g. public-read), for stores where players read objects anonymously. */
    private final ObjectCannedACL objectAcl;

    DeliveryStore(S3Client s3, StagingLayout staging, @Value("${reelay.upload.object-acl:}") String objectAcl) {
        this.s3 = s3;
        this.staging = staging;
        this.objectAcl = objectAcl == null || objectAcl.isBlank() ? null : ObjectCannedACL.fromValue(objectAcl);
    }

    /**
     * Copies a staged file to its destination server-side, unless the destination already holds the same bytes.
     *
     * @param keepStaged leave the staged copy in place (the output's last file, removed only once announced)
     */
    Transfer deliver(SegmentEncoded event, boolean keepStaged) {
        ObjectLocation staged = event.getStaged();
        String bucket = event.getDestination().getBucket();
        String key = destinationKey(event.getDestination(), event.getPath());
        Optional<HeadObjectResponse> delivered = head(bucket, key);
        if (delivered.isPresent()) {
            Optional<HeadObjectResponse> source = head(staged.getBucket(), staged.getKey());
            if (source.isEmpty()) {
                return Transfer.DELIVERED_BEFORE;
            }
            if (sameBytes(source.get(), delivered.get())) {
                removeStaged(staged, keepStaged);
                return Transfer.ALREADY_IN_PLACE;
            }
        }
        try {
            s3.copyObject(c -> c.sourceBucket(staged.getBucket()).sourceKey(staged.getKey())
                    .destinationBucket(bucket).destinationKey(key)
                    .metadataDirective(MetadataDirective.REPLACE).contentType(ContentTypes.of(event.getPath()))
                    .metadata(Map.of(JOB_METADATA, event.getJobId(), OUTPUT_METADATA, event.getOutputId(),
                            ATTEMPT_METADATA, Integer.toString(event.getAttempt())))
                    .acl(objectAcl));
        } catch (NoSuchKeyException stagedCopyGone) {
            return delivered.isPresent() ? Transfer.DELIVERED_BEFORE : Transfer.DISCARDED;
        }
        removeStaged(staged, keepStaged);
        return Transfer.COPIED;
    }

    Optional<HeadObjectResponse> head(String bucket, String key) {
        try {
            return Optional.of(s3.headObject(h -> h.bucket(bucket).key(key)));
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        }
    }

    /** The object's text, or empty when it does not exist. */
    Optional<String> readText(ObjectLocation location) {
        try {
            return Optional.of(s3.getObjectAsBytes(g -> g.bucket(location.getBucket()).key(location.getKey()))
                    .asString(StandardCharsets.UTF_8));
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        }
    }

    List<S3Object> list(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix)).contents().stream().toList();
    }

    void delete(String bucket, String key) {
        s3.deleteObject(d -> d.bucket(bucket).key(key));
    }

    /** Deletes every object under {@code prefix}; returns how many there were. */
    int deleteAll(String bucket, String prefix) {
        List<S3Object> objects = list(bucket, prefix);
        objects.forEach(object -> delete(bucket, object.key()));
        return objects.size();
    }

    /** Aborts every multipart upload still open under {@code prefix}; returns how many there were. */
    int abortUploads(String bucket, String prefix) {
        // filtered here too: not every S3-compatible server honours the prefix of this listing
        List<MultipartUpload> open = s3.listMultipartUploadsPaginator(l -> l.bucket(bucket).prefix(prefix))
                .uploads().stream().filter(upload -> upload.key().startsWith(prefix)).toList();
        open.forEach(upload -> s3.abortMultipartUpload(a -> a.bucket(bucket).key(upload.key())
                .uploadId(upload.uploadId())));
        return open.size();
    }

    /** The attempts of an output that still have files in the staging area. */
    SortedSet<Integer> stagedAttempts(String jobId, String outputId) {
        String root = stagedOutputRoot(jobId, outputId);
        SortedSet<Integer> attempts = new TreeSet<>();
        s3.listObjectsV2Paginator(l -> l.bucket(staging.bucket()).prefix(root).delimiter("/")).commonPrefixes()
                .stream()
                .map(CommonPrefix::prefix)
                .map(prefix -> prefix.substring(root.length(), prefix.length() - 1))
                .filter(name -> name.matches("\\d{1,9}"))
                .forEach(name -> attempts.add(Integer.parseInt(name)));
        return attempts;
    }

    /** Staging prefix of one attempt of an output, with its trailing slash. */
    String stagedAttemptPrefix(String jobId, String outputId, int attempt) {
        return staging.outputPrefix(jobId, outputId, attempt) + "/";
    }

    /**
     * Staging prefix of every attempt of an output ({@code outputId} set) or of every output of a job (null),
     * with its trailing slash; {@link StagingLayout} puts attempts under {@code <prefix>/<jobId>/<outputId>/}.
     */
    String stagedRoot(String jobId, String outputId) {
        return outputId == null ? staging.prefix() + "/" + jobId + "/" : stagedOutputRoot(jobId, outputId);
    }

    String stagingBucket() {
        return staging.bucket();
    }

    static String destinationKey(ObjectLocation destination, String path) {
        return destination.getKey() + "/" + path;
    }

    private String stagedOutputRoot(String jobId, String outputId) {
        return staging.prefix() + "/" + jobId + "/" + outputId + "/";
    }

    private void removeStaged(ObjectLocation staged, boolean keep) {
        if (!keep) {
            delete(staged.getBucket(), staged.getKey());
        }
    }

    private static boolean sameBytes(HeadObjectResponse source, HeadObjectResponse delivered) {
        return Objects.equals(source.contentLength(), delivered.contentLength())
                && source.eTag() != null && source.eTag().equals(delivered.eTag());
    }
}
