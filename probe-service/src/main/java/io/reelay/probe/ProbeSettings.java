package io.reelay.probe;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.reelay.retry.RetryPolicy;

import java.time.Duration;

/**
 * Tuning of the probe service ({@code reelay.probe.*}).
 *
 * @param timeout         longest one ffprobe run may take before it is killed (a transient failure: retried)
 * @param readTimeout     longest a single network read of the source may stall inside ffprobe
 * @param retries         tries after the first for a transient failure, before the job fails with PROBE_FAILED
 * @param retryBackoff    wait before the first retry, doubled for each further one
 * @param maxRetryBackoff longest wait between two tries
 */
@ConfigurationProperties("reelay.probe")
public record ProbeSettings(@Bindable(defaultValue = "120s") Duration timeout,
                            @Bindable(defaultValue = "30s") Duration readTimeout,
                            @Bindable(defaultValue = "3") int retries,
                            @Bindable(defaultValue = "1s") Duration retryBackoff,
                            @Bindable(defaultValue = "30s") Duration maxRetryBackoff) {

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(retries, retryBackoff, maxRetryBackoff);
    }
}
