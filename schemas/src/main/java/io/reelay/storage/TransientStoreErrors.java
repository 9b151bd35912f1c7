package io.reelay.storage;

import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * Which object-store errors are worth retrying: the store being down, overloaded or slow (5xx, throttling,
 * refused or reset connections, timeouts). Answers about the request itself (403, a missing bucket or key, a
 * malformed request) come back the same every time and are not.
 */
public final class TransientStoreErrors {

    private static final Set<String> TRANSIENT_CODES = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestTimeout", "RequestTimeoutException", "InternalError", "ServiceUnavailable");

    private TransientStoreErrors() {
    }

    public static boolean isTransient(Throwable error) {
        if (error instanceof SdkServiceException answer) {
            return answer.statusCode() >= 500 || answer.isThrottlingException()
                    || TRANSIENT_CODES.contains(errorCode(answer));
        }
        if (error instanceof UncheckedIOException) {
            // a connection the server dropped, as the SDK's URLConnection client reports it
            return true;
        }
        if (error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        return error instanceof SdkClientException && causedByIo(error);
    }

    private static boolean causedByIo(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    private static String errorCode(SdkServiceException answer) {
        String code = answer instanceof S3Exception s3 && s3.awsErrorDetails() != null
                ? s3.awsErrorDetails().errorCode() : null;
        return code == null ? "" : code;
    }
}
