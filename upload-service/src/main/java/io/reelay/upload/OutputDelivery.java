package io.reelay.upload;

import io.micronaut.context.annotation.Value;
import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import io.reelay.events.FileKind;
import io.reelay.events.ObjectLocation;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.Uploaded;
import io.reelay.storage.S3Settings;
import io.reelay.storage.StagingLayout;
import io.reelay.upload.core.ContentTypes;
import io.reelay.upload.core.DeliveredThumbnails;
import io.reelay.upload.core.DeliveryFailures;
import io.reelay.upload.core.DeliveryProgress;
import io.reelay.upload.core.ManifestReferences;
import io.reelay.upload.core.PlaylistReferences;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Copies staged files to their destination server-side, publishes playlists only once every file they name is in
 * place, and announces the output when its last file has landed.
 */
@Singleton
public class OutputDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(OutputDelivery.class);
    private static final Set<FileKind> PLAYLISTS = Set.of(FileKind.PLAYLIST, FileKind.MASTER_PLAYLIST, FileKind.MANIFEST);
    private static final int REMEMBERED_FAILURES = 10_000;

    private final S3Client s3;
    private final S3Settings settings;
    private final StagingLayout staging;
    private final UploadedPublisher publisher;
    private final Clock clock;
    /** At most one progress report per output per second, each after at least 256 KiB more were delivered. */
    private final DeliveryProgress progress = new DeliveryProgress(Duration.ofSeconds(1), 256 * 1024);
    /** Outputs whose delivery already failed: their remaining files are discarded instead of failing again. */
    private final Set<String> failedOutputs = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_FAILURES;
        }
    });

    /** Canned ACL for delivered objects (e.g. public-read), for stores where players read objects anonymously. */
    private final ObjectCannedACL objectAcl;

    OutputDelivery(S3Client s3, S3Settings settings, StagingLayout staging, UploadedPublisher publisher,
                   @Value("${reelay.upload.object-acl:}") String objectAcl) {
        this.s3 = s3;
        this.objectAcl = objectAcl == null || objectAcl.isBlank() ? null : ObjectCannedACL.fromValue(objectAcl);
        this.settings = settings;
        this.staging = staging;
        this.publisher = publisher;
        this.clock = Clock.systemUTC();
    }

    void deliver(SegmentEncoded event) {
        String outputKey = event.getJobId() + "/" + event.getOutputId() + "/" + event.getAttempt();
        if (event.getFailure() != null || failedOutputs.contains(outputKey)) {
            discardStaged(event);
            return;
        }
        ObjectLocation destination = event.getDestination();
        try {
            if (PLAYLISTS.contains(event.getKind())) {
                requireReferencedFiles(event);
            }
            copyToDestination(event);
            if (event.getLast()) {
                progress.finished(outputKey);
                announce(event);
                discardStaged(event);
            } else {
                reportProgress(event, outputKey);
            }
        } catch (S3Exception e) {
            fail(event, outputKey, DeliveryFailures.of(e, destination.getBucket()));
        } catch (MissingFilesException | IllegalArgumentException e) {
            fail(event, outputKey, new Failure(FailureReason.UPLOAD_FAILED, e.getMessage()));
        }
    }

    private void copyToDestination(SegmentEncoded event) {
        ObjectLocation staged = event.getStaged();
        String key = destinationKey(event.getDestination(), event.getPath());
        try {
            s3.copyObject(c -> c.sourceBucket(staged.getBucket()).sourceKey(staged.getKey())
                    .destinationBucket(event.getDestination().getBucket()).destinationKey(key)
                    .metadataDirective(MetadataDirective.REPLACE).contentType(ContentTypes.of(event.getPath()))
                    .acl(objectAcl));
        } catch (NoSuchKeyException e) {
            // Redelivered after a crash: the file was copied and its staged copy removed already.
            s3.headObject(h -> h.bucket(event.getDestination().getBucket()).key(key));
            return;
        }
        s3.deleteObject(d -> d.bucket(staged.getBucket()).key(staged.getKey()));
    }

    private void requireReferencedFiles(SegmentEncoded event) {
        ObjectLocation staged = event.getStaged();
        String text;
        try {
            text = s3.getObjectAsBytes(g -> g.bucket(staged.getBucket()).key(staged.getKey()))
                    .asString(StandardCharsets.UTF_8);
        } catch (NoSuchKeyException e) {
            return; // already published by an earlier delivery of this same event
        }
        Set<String> delivered = deliveredPaths(event.getDestination());
        List<String> references = event.getKind() == FileKind.MANIFEST
                ? ManifestReferences.of(event.getPath(), text) : PlaylistReferences.of(event.getPath(), text);
        List<String> missing = references.stream()
                .filter(path -> !delivered.contains(path))
                .toList();
        if (!missing.isEmpty()) {
            throw new MissingFilesException(event.getPath() + " names files that were never delivered: " + missing);
        }
    }

    private Set<String> deliveredPaths(ObjectLocation destination) {
        String prefix = destination.getKey() + "/";
        return listDestination(destination).stream()
                .map(o -> o.key().substring(prefix.length()))
                .collect(Collectors.toSet());
    }

    private List<S3Object> listDestination(ObjectLocation destination) {
        return s3.listObjectsV2Paginator(l -> l.bucket(destination.getBucket()).prefix(destination.getKey() + "/"))
                .contents().stream().toList();
    }

    private void announce(SegmentEncoded event) {
        List<S3Object> objects = listDestination(event.getDestination());
        long bytes = objects.stream().mapToLong(S3Object::size).sum();
        String lastKey = destinationKey(event.getDestination(), event.getPath());
        String masterKey = event.getKind() == FileKind.MASTER_PLAYLIST ? lastKey : masterPlaylistAmong(event, objects);
        Uploaded uploaded = base(event)
                .setPlaylistUrl(masterKey == null ? null
                        : settings.publicUrlOf(event.getDestination().getBucket(), masterKey))
                .setManifestUrl(event.getKind() == FileKind.MANIFEST
                        ? settings.publicUrlOf(event.getDestination().getBucket(), lastKey) : null)
                .setBytes(bytes)
                .setObjectCount(objects.size())
                .setUsage(event.getUsage())
                .setThumbnails(DeliveredThumbnails.withUrls(event.getThumbnails(),
                        path -> settings.publicUrlOf(event.getDestination().getBucket(),
                                destinationKey(event.getDestination(), path))))
                .build();
        publisher.publish(event.getJobId(), uploaded);
        LOG.info("Output delivered: {} objects, {} bytes, {} {}", objects.size(), bytes, uploaded.getPlaylistUrl(),
                uploaded.getManifestUrl());
    }

    /**
     * The HLS master playlist published next to an output's MPD (CMAF: both manifests over the same segments), found
     * among the output's top-level playlists as the one that lists variants; null when there is none (plain DASH).
     */
    private String masterPlaylistAmong(SegmentEncoded event, List<S3Object> objects) {
        String prefix = event.getDestination().getKey() + "/";
        return objects.stream()
                .map(S3Object::key)
                .filter(key -> key.endsWith(".m3u8") && key.indexOf('/', prefix.length()) < 0)
                .filter(key -> s3.getObjectAsBytes(g -> g.bucket(event.getDestination().getBucket()).key(key))
                        .asString(StandardCharsets.UTF_8).contains("#EXT-X-STREAM-INF:"))
                .findFirst()
                .orElse(null);
    }

    /** Tells how far delivery got, throttled by {@link DeliveryProgress}; state turns it into the upload percent. */
    private void reportProgress(SegmentEncoded event, String outputKey) {
        progress.delivered(outputKey, event.getSizeBytes(), clock.instant()).ifPresent(totals ->
                publisher.publish(event.getJobId(), base(event)
                        .setComplete(false)
                        .setBytesDelivered(totals.bytes())
                        .setFilesDelivered(totals.files())
                        .build()));
    }

    private void fail(SegmentEncoded event, String outputKey, Failure failure) {
        progress.finished(outputKey);
        failedOutputs.add(outputKey);
        LOG.warn("Delivery failed: {} {}", failure.getReason(), failure.getMessage());
        publisher.publish(event.getJobId(), base(event).setFailure(failure).build());
        discardStaged(event);
    }

    private Uploaded.Builder base(SegmentEncoded event) {
        return Uploaded.newBuilder()
                .setJobId(event.getJobId())
                .setOutputId(event.getOutputId())
                .setAttempt(event.getAttempt())
                .setDestination(event.getDestination())
                .setUploadedAt(clock.instant());
    }

    /** Removes whatever encode staged for this output attempt; staged files are never left behind. */
    private void discardStaged(SegmentEncoded event) {
        String prefix = staging.outputPrefix(event.getJobId(), event.getOutputId(), event.getAttempt()) + "/";
        s3.listObjectsV2Paginator(l -> l.bucket(staging.bucket()).prefix(prefix)).contents()
                .forEach(o -> s3.deleteObject(d -> d.bucket(staging.bucket()).key(o.key())));
    }

    private static String destinationKey(ObjectLocation destination, String path) {
        return destination.getKey() + "/" + path;
    }

    private static final class MissingFilesException extends RuntimeException {
        MissingFilesException(String message) {
            super(message);
        }
    }
}
