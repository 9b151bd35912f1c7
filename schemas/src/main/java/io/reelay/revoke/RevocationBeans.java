package io.reelay.revoke;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The instance's table of revokes, filled by {@link RevocationFeed}, and the partitions its work listener owns,
 * which decide whether it acknowledges a revoke.
 */
@Factory
@Requires(property = "reelay.revocations.enabled", value = "true")
class RevocationBeans {

    @Singleton
    Revocations revocations() {
        return new Revocations();
    }

    @Singleton
    PartitionOwnership partitionOwnership() {
        return new PartitionOwnership();
    }
}
