package io.reelay.state.http;

import io.micronaut.serde.annotation.Serdeable;

/** Body of an error answer. */
@Serdeable
public record ErrorBody(String message) {
}
