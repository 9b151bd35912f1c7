package io.reelay.probe;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Tuning of the probe service ({@code reelay.probe.*}).
 *
 * @param timeout     longest one ffprobe run may take before it is killed and the job fails with PROBE_FAILED
 * @param readTimeout longest a single network read of the source may stall inside ffprobe
 */
@ConfigurationProperties("reelay.probe")
public record ProbeSettings(@Bindable(defaultValue = "120s") Duration timeout,
                            @Bindable(defaultValue = "30s") Duration readTimeout) {
}
