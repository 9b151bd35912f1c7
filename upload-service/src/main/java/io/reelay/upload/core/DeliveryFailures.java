package io.reelay.upload.core;

import io.reelay.events.Failure;
import io.reelay.events.FailureReason;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Maps what the object store answered into the stable reason a user sees. */
public final class DeliveryFailures {

    private DeliveryFailures() {
    }

    public static Failure of(S3Exception error, String bucket) {
        if (error instanceof NoSuchBucketException || "NoSuchBucket".equals(errorCode(error))) {
            return new Failure(FailureReason.OUTPUT_BUCKET_NOT_FOUND, "destination bucket " + bucket + " does not exist");
        }
        if (error.statusCode() == 403) {
            return new Failure(FailureReason.OUTPUT_FORBIDDEN, "access to destination bucket " + bucket + " is denied");
        }
        return new Failure(FailureReason.UPLOAD_FAILED, "object store error: " + error.getMessage());
    }

    private static String errorCode(S3Exception error) {
        return error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorCode();
    }
}
