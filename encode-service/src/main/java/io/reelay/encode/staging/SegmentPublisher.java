package io.reelay.encode.staging;

import io.reelay.events.SegmentEncoded;

/** Publishes segment-encoded events; returns only once the event is durable, so the order of calls is kept. */
@FunctionalInterface
public interface SegmentPublisher {

    void publish(SegmentEncoded event);
}
