package io.reelay.local;

import io.reelay.schemas.TopicProvisioner;
import io.reelay.schemas.Topics;
import io.reelay.storage.S3Clients;
import io.reelay.storage.S3Settings;
import org.apache.kafka.clients.admin.AdminClientConfig;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Creates what the services expect to exist before they start: the contract's topics and the buckets. */
public final class StackProvisioner {

    public static final String SOURCES_BUCKET = "reelay-sources";
    public static final String OUTPUTS_BUCKET = "reelay-outputs";
    public static final String STAGING_BUCKET = "reelay-work";
    public static final List<String> BUCKETS = List.of(SOURCES_BUCKET, OUTPUTS_BUCKET, STAGING_BUCKET);

    private static final short SINGLE_BROKER_REPLICATION = 1;

    private StackProvisioner() {
    }

    /** Every topic of the contract with {@link Topics#DEFAULT_PARTITIONS} partitions, on a one-broker cluster. */
    public static void createTopics(String bootstrapServers) throws InterruptedException {
        TopicProvisioner.createMissing(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Topics.DEFAULT_PARTITIONS, SINGLE_BROKER_REPLICATION);
    }

    /**
     * Creates each bucket unless it exists already. The outputs bucket is public-read: players fetch playlists and
     * segments from it directly, without credentials.
     */
    public static void createBuckets(S3Settings settings, List<String> buckets) {
        try (S3Client s3 = S3Clients.client(settings)) {
            for (String bucket : buckets) {
                try {
                    s3.createBucket(b -> b.bucket(bucket)
                            .acl(OUTPUTS_BUCKET.equals(bucket) ? BucketCannedACL.PUBLIC_READ : BucketCannedACL.PRIVATE));
                } catch (BucketAlreadyOwnedByYouException e) {
                    // left by an earlier run: just what we want
                }
            }
        }
    }

    /** How a client reaches the local S3 server: path-style, checksums only when required (see S3Settings). */
    public static S3Settings s3Settings(URI endpoint, String accessKey, String secretKey) {
        return new S3Settings(endpoint, "us-east-1", accessKey, secretKey, true, true, null);
    }
}
