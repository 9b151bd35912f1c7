package io.reelay.ingest.core;

/** One problem with a submitted job, naming the field by its JSON path (e.g. {@code outputs[0].format}). */
public record FieldError(String field, String message) {
}
