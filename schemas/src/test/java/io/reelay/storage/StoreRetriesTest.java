package io.reelay.storage;

import io.reelay.retry.RetryPolicy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class StoreRetriesTest {

    private static final SdkClientException REFUSED = SdkClientException.create("Unable to execute HTTP request",
            new ConnectException("Connection refused"));

    private final AtomicInteger tries = new AtomicInteger();

    @Test
    void triesAgainUntilTheStoreAnswers() {
        StoreRetries retries = new StoreRetries(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1)));

        String answer = retries.call("step", () -> false, () -> {
            if (tries.incrementAndGet() < 3) {
                throw REFUSED;
            }
            return "done";
        });

        assertThat(answer).isEqualTo("done");
        assertThat(tries).hasValue(3);
    }

    @Test
    void givesUpAfterTheLastRetry() {
        StoreRetries retries = new StoreRetries(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1)));

        assertThatThrownBy(() -> retries.run("copying a file", () -> false, () -> {
            tries.incrementAndGet();
            throw REFUSED;
        })).isInstanceOf(StoreRetries.GaveUp.class).hasMessageContaining("copying a file failed after 2 retries")
                .hasCause(REFUSED);
        assertThat(tries).hasValue(3);
    }

    @Test
    void doesNotRetryAnAnswerThatWillNotChange() {
        StoreRetries retries = new StoreRetries(new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(1)));
        S3Exception forbidden = (S3Exception) S3Exception.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build()).build();

        assertThatThrownBy(() -> retries.run("step", () -> false, () -> {
            tries.incrementAndGet();
            throw forbidden;
        })).isSameAs(forbidden);
        assertThat(tries).hasValue(1);
    }

    @Test
    void aRevokeEndsTheWaitForTheNextRetry() {
        StoreRetries retries = new StoreRetries(new RetryPolicy(3, Duration.ofMinutes(10), Duration.ofMinutes(10)));
        AtomicBoolean revoked = new AtomicBoolean();

        // ten-minute backoffs: only the revoke can end this within the guard
        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                assertThatThrownBy(() -> retries.run("step", revoked::get, () -> {
                    tries.incrementAndGet();
                    revoked.set(true);
                    throw REFUSED;
                })).isInstanceOf(StoreRetries.Stopped.class));
        assertThat(tries).hasValue(1);
    }
}
