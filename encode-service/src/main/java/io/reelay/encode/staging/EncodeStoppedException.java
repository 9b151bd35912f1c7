package io.reelay.encode.staging;

/**
 * The service stopped while an output was encoding. Nothing ends the attempt on the wire, so the job is
 * encoded again by whichever instance consumes its probed event next.
 */
public final class EncodeStoppedException extends RuntimeException {

    public EncodeStoppedException() {
        super("the service stopped while the output was encoding");
    }
}
