package io.reelay.encode.staging;

/** The output, or its whole job, was revoked while the attempt ran: it was stopped and publishes nothing more. */
public final class EncodeRevokedException extends RuntimeException {

    public EncodeRevokedException() {
        super("the output was revoked");
    }
}
