package io.reelay.storage;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientStoreErrorsTest {

    @Test
    void retriesWhatTheStoreAnswersWhileItIsUnwell() {
        assertThat(TransientStoreErrors.isTransient(answer(500, "InternalError"))).isTrue();
        assertThat(TransientStoreErrors.isTransient(answer(503, "SlowDown"))).isTrue();
        assertThat(TransientStoreErrors.isTransient(answer(502, null))).isTrue();
        assertThat(TransientStoreErrors.isTransient(answer(429, "TooManyRequests"))).isTrue();
        assertThat(TransientStoreErrors.isTransient(answer(400, "RequestTimeout"))).isTrue();
    }

    @Test
    void retriesWhenTheStoreCannotBeReached() {
        assertThat(TransientStoreErrors.isTransient(unreachable(new ConnectException("Connection refused")))).isTrue();
        assertThat(TransientStoreErrors.isTransient(unreachable(new SocketException("Connection reset")))).isTrue();
        assertThat(TransientStoreErrors.isTransient(unreachable(new SocketTimeoutException("Read timed out"))))
                .isTrue();
        assertThat(TransientStoreErrors.isTransient(unreachable(
                new UncheckedIOException(new ConnectException("Connection refused"))))).isTrue();
        assertThat(TransientStoreErrors.isTransient(ApiCallTimeoutException.create(1_000))).isTrue();
    }

    @Test
    void doesNotRetryAnswersThatWillNotChange() {
        assertThat(TransientStoreErrors.isTransient(answer(403, "AccessDenied"))).isFalse();
        assertThat(TransientStoreErrors.isTransient(NoSuchBucketException.builder().statusCode(404).build())).isFalse();
        assertThat(TransientStoreErrors.isTransient(NoSuchKeyException.builder().statusCode(404).build())).isFalse();
        assertThat(TransientStoreErrors.isTransient(answer(400, "InvalidRequest"))).isFalse();
    }

    @Test
    void doesNotRetryMistakesOfTheClientItself() {
        assertThat(TransientStoreErrors.isTransient(SdkClientException.create("Unable to marshall request"))).isFalse();
        assertThat(TransientStoreErrors.isTransient(new IllegalStateException("bug"))).isFalse();
    }

    private static S3Exception answer(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();
    }

    private static SdkClientException unreachable(Throwable cause) {
        return SdkClientException.create("Unable to execute HTTP request: " + cause.getMessage(), cause);
    }
}
