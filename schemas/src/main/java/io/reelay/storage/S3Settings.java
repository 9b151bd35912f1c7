package io.reelay.storage;

import java.net.URI;

/**
 * How a service reaches the S3-compatible object store.
 *
 * @param endpoint API endpoint; null for AWS S3's regional default
 * @param publicUrl base URL players fetch outputs from; defaults to the endpoint with path-style addressing
 * @param checksumsWhenRequired send and check checksums only when an operation requires them; S3Proxy, MinIO
 *                              and other S3 servers reject the SDK's default streaming trailer checksums
 */
public record S3Settings(URI endpoint, String region, String accessKey, String secretKey, boolean pathStyle,
                         boolean checksumsWhenRequired, URI publicUrl) {

    /** The URL a player uses to GET an object. */
    public String publicUrlOf(String bucket, String key) {
        URI base = publicUrl != null ? publicUrl : endpoint;
        if (base == null) {
            return "https://" + bucket + ".s3." + region + ".amazonaws.com/" + key;
        }
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return root + bucket + "/" + key;
    }
}
