package io.reelay.storage;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;

/**
 * Object-store beans shared by every service that touches media. The {@code reelay.s3.*} and
 * {@code reelay.staging.*} keys are documented in the README's configuration table.
 */
@Factory
public class StorageFactory {

    @Singleton
    S3Settings s3Settings(@Nullable @Value("${reelay.s3.endpoint:}") String endpoint,
                          @Value("${reelay.s3.region:us-east-1}") String region,
                          @Nullable @Value("${reelay.s3.access-key:}") String accessKey,
                          @Nullable @Value("${reelay.s3.secret-key:}") String secretKey,
                          @Value("${reelay.s3.path-style:true}") boolean pathStyle,
                          @Value("${reelay.s3.checksums-when-required:true}") boolean checksumsWhenRequired,
                          @Nullable @Value("${reelay.s3.public-url:}") String publicUrl) {
        return new S3Settings(uriOrNull(endpoint), region, accessKey, secretKey, pathStyle, checksumsWhenRequired,
                uriOrNull(publicUrl));
    }

    @Singleton
    @Bean(preDestroy = "close")
    S3Client s3Client(S3Settings settings) {
        return S3Clients.client(settings);
    }

    @Singleton
    @Bean(preDestroy = "close")
    S3Presigner s3Presigner(S3Settings settings) {
        return S3Clients.presigner(settings);
    }

    @Singleton
    StagingLayout stagingLayout(@Value("${reelay.staging.bucket:reelay-work}") String bucket,
                                @Value("${reelay.staging.prefix:staging}") String prefix) {
        return new StagingLayout(bucket, prefix);
    }

    private static URI uriOrNull(String value) {
        return value == null || value.isBlank() ? null : URI.create(value);
    }
}
