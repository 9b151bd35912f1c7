package io.reelay.upload;

import io.micronaut.context.ApplicationContext;
import io.reelay.testing.TestKafka;

import java.util.HashMap;
import java.util.Map;

/**
 * One running upload service: its Micronaut context with the Kafka listener and the revocation feed (no HTTP server),
 * against the test's broker and object store. Closing it is an instance going away.
 */
final class UploadInstance implements AutoCloseable {

    static final String STAGING_BUCKET = "reelay-work";

    private final ApplicationContext context;

    private UploadInstance(ApplicationContext context) {
        this.context = context;
    }

    /**
     * @param overrides properties that differ from what the service would run with, e.g. a shorter retry backoff
     */
    static UploadInstance start(TestKafka kafka, S3Server s3, Map<String, String> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.putAll(kafka.serviceProperties());
        properties.putAll(s3.serviceProperties());
        properties.put("reelay.staging.bucket", STAGING_BUCKET);
        properties.putAll(overrides);
        return new UploadInstance(ApplicationContext.run(properties));
    }

    static UploadInstance start(TestKafka kafka, S3Server s3) {
        return start(kafka, s3, Map.of());
    }

    @Override
    public void close() {
        context.close();
    }
}
