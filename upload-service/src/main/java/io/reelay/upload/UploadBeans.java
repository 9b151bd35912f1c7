package io.reelay.upload;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.reelay.retry.RetryPolicy;
import io.reelay.storage.StoreRetries;
import io.reelay.upload.core.OutputLedger;
import jakarta.inject.Singleton;

import java.time.Duration;

/** The plain-Java parts of upload, configured from the {@code reelay.upload.*} keys (README configuration table). */
@Factory
class UploadBeans {

    /** The defaults wait 45.5 s in all: long enough to ride out an object store that restarts. */
    @Singleton
    RetryPolicy retryPolicy(@Value("${reelay.upload.retries:8}") int retries,
                            @Value("${reelay.upload.retry-backoff:500ms}") Duration backoff,
                            @Value("${reelay.upload.retry-backoff-max:10s}") Duration maxBackoff) {
        return new RetryPolicy(retries, backoff, maxBackoff);
    }

    @Singleton
    StoreRetries storeRetries(RetryPolicy policy) {
        return new StoreRetries(policy);
    }

    @Singleton
    OutputLedger outputLedger() {
        return new OutputLedger();
    }
}
