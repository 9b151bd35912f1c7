package io.reelay.encode.core;

import io.reelay.events.FailureReason;

/** The output cannot be encoded as planned; it fails at once, with this reason, without running ffmpeg. */
public final class OutputNotEncodableException extends RuntimeException {

    private final FailureReason reason;

    public OutputNotEncodableException(String message) {
        this(FailureReason.ENCODE_FAILED, message);
    }

    public OutputNotEncodableException(FailureReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }
}
