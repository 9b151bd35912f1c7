package io.reelay.ingest.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.reelay.access.RequestTenant;
import io.reelay.ingest.core.FieldError;
import io.reelay.ingest.core.InvalidJobException;
import io.reelay.ingest.core.UploadKeys;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Hands out presigned PUT URLs so clients upload sources straight to the object store, never through Reelay. Each
 * upload gets its own folder under the caller's tenant (see {@link UploadKeys}).
 */
@Controller("/uploads")
public class UploadController {

    private final S3Presigner presigner;
    private final String bucket;
    private final Duration expiry;

    UploadController(S3Presigner presigner,
                     @Value("${reelay.ingest.source-bucket:reelay-sources}") String bucket,
                     @Value("${reelay.ingest.upload-url-expiry:1h}") Duration expiry) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.expiry = expiry;
    }

    @ApiResponse(responseCode = "201", description = "A presigned URL to PUT the source to",
            content = @Content(schema = @Schema(implementation = UploadTicket.class)))
    @ApiResponse(responseCode = "400", description = "Malformed or invalid request, one entry per offending field",
            content = @Content(schema = @Schema(implementation = ErrorResponses.ErrorBody.class)))
    @Post
    HttpResponse<UploadTicket> create(@Body UploadRequest request, HttpRequest<?> http) {
        if (request == null || request.filename() == null || request.filename().isBlank()) {
            throw new InvalidJobException(List.of(new FieldError("filename", "is required")));
        }
        String key = UploadKeys.keyFor(RequestTenant.of(http), UUID.randomUUID().toString(),
                request.filename());
        PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p
                .signatureDuration(expiry)
                .putObjectRequest(PutObjectRequest.builder().bucket(bucket).key(key).build()));
        return HttpResponse.created(new UploadTicket(presigned.url().toString(), "PUT",
                new UploadTicket.Source(bucket, key), presigned.expiration().toString()));
    }

    @Serdeable
    public record UploadRequest(String filename) {
    }

    @Serdeable
    public record UploadTicket(String uploadUrl, String method, Source source, String expiresAt) {
        @Serdeable
        public record Source(String bucket, String key) {
        }
    }
}
