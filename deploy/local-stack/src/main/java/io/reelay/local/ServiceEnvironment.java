package io.reelay.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every Reelay service is told about its surroundings, as the environment variables its
 * {@code application.yml} reads.
 *
 * @param scratchDir where encode writes ffmpeg's output before staging it
 * @param stateDir where state keeps its Kafka Streams stores
 * @param apiKeys the API keys ingest and state accept, as comma-separated {@code tenant:key} pairs
 * @param stateUrl where ingest asks the state service about a job before revoking it
 */
public record ServiceEnvironment(String kafkaBootstrapServers, String registryUrl, String s3Endpoint,
                                 String s3AccessKey, String s3SecretKey, String stagingBucket, Path scratchDir,
                                 Path stateDir, String apiKeys, String stateUrl) {

    public Map<String, String> variables() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("REGISTRY_URL", registryUrl);
        env.put("S3_ENDPOINT", s3Endpoint);
        env.put("S3_ACCESS_KEY", s3AccessKey);
        env.put("S3_SECRET_KEY", s3SecretKey);
        env.put("STAGING_BUCKET", stagingBucket);
        env.put("SOURCE_BUCKET", StackProvisioner.SOURCES_BUCKET);
        // the local outputs bucket is public-read, and so is every object delivered into it
        env.put("UPLOAD_OBJECT_ACL", "public-read");
        env.put("SCRATCH_DIR", scratchDir.toString());
        env.put("STATE_DIR", stateDir.toString());
        env.put("API_KEYS", apiKeys);
        env.put("STATE_URL", stateUrl);
        return env;
    }
}
