package io.reelay.encode.core;

/** The output cannot be encoded as planned (unsupported packaging or codec, unusable ladder); fails only that output. */
public final class OutputNotEncodableException extends RuntimeException {

    public OutputNotEncodableException(String message) {
        super(message);
    }
}
