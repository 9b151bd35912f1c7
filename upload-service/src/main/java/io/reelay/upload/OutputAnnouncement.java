package io.reelay.upload;

import io.reelay.events.FileKind;
import io.reelay.events.ObjectLocation;
import io.reelay.events.SegmentEncoded;
import io.reelay.events.Uploaded;
import io.reelay.storage.S3Settings;
import io.reelay.upload.core.DeliveredThumbnails;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Clock;
import java.util.List;

/**
 * What upload says about an output: its Uploaded events, built from what its destination holds (not from what
 * this instance remembers), so whichever instance delivers the last file announces the whole output.
 */
@Singleton
class OutputAnnouncement {

    private final DeliveryStore store;
    private final S3Settings settings;
    private final Clock clock = Clock.systemUTC();

    OutputAnnouncement(DeliveryStore store, S3Settings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** The output as delivered, once its last file is in place. */
    Uploaded of(SegmentEncoded last) {
        String bucket = last.getDestination().getBucket();
        List<S3Object> objects = store.list(bucket, last.getDestination().getKey() + "/");
        long bytes = objects.stream().mapToLong(S3Object::size).sum();
        String lastKey = DeliveryStore.destinationKey(last.getDestination(), last.getPath());
        String masterKey = last.getKind() == FileKind.MASTER_PLAYLIST ? lastKey : masterPlaylistAmong(last, objects);
        return base(last)
                .setPlaylistUrl(masterKey == null ? null : settings.publicUrlOf(bucket, masterKey))
                .setManifestUrl(last.getKind() == FileKind.MANIFEST ? settings.publicUrlOf(bucket, lastKey) : null)
                .setBytes(bytes)
                .setObjectCount(objects.size())
                .setUsage(last.getUsage())
                .setThumbnails(DeliveredThumbnails.withUrls(last.getThumbnails(),
                        path -> settings.publicUrlOf(bucket, DeliveryStore.destinationKey(last.getDestination(), path))))
                .build();
    }

    /** An Uploaded event of the attempt the event belongs to, to be completed by the caller. */
    Uploaded.Builder base(SegmentEncoded event) {
        return Uploaded.newBuilder()
                .setJobId(event.getJobId())
                .setOutputId(event.getOutputId())
                .setAttempt(event.getAttempt())
                .setDestination(event.getDestination())
                .setUploadedAt(clock.instant());
    }

    /**
     * The HLS master playlist published next to an output's MPD (CMAF: both manifests over the same segments), found
     * among the output's top-level playlists as the one that lists variants; null when there is none (plain DASH).
     */
    private String masterPlaylistAmong(SegmentEncoded last, List<S3Object> objects) {
        String bucket = last.getDestination().getBucket();
        String prefix = last.getDestination().getKey() + "/";
        return objects.stream()
                .map(S3Object::key)
                .filter(key -> key.endsWith(".m3u8") && key.indexOf('/', prefix.length()) < 0)
                .filter(key -> store.readText(new ObjectLocation(bucket, key))
                        .map(text -> text.contains("#EXT-X-STREAM-INF:")).orElse(false))
                .findFirst()
                .orElse(null);
    }
}
