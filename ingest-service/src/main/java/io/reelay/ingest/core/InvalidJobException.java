package io.reelay.ingest.core;

import java.util.List;
import java.util.stream.Collectors;

/** A submitted job that cannot be accepted; carries every problem found, not just the first. */
public class InvalidJobException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidJobException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
