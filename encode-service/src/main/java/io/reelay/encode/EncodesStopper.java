package io.reelay.encode;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.reelay.encode.staging.RunningEncodes;
import jakarta.inject.Singleton;

/**
 * Kills running encodes as soon as the service begins to stop. Waiting would hold the shutdown for as long as
 * the longest encode; the Kafka consumer is only closed after the listener returns, so this has to happen on
 * the shutdown event, before any bean is destroyed.
 */
@Singleton
class EncodesStopper implements ApplicationEventListener<ShutdownEvent> {

    private final RunningEncodes runningEncodes;

    EncodesStopper(RunningEncodes runningEncodes) {
        this.runningEncodes = runningEncodes;
    }

    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        runningEncodes.close();
    }
}
