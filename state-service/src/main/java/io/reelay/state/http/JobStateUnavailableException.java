package io.reelay.state.http;

/** The job-state store cannot answer right now, typically while partitions move between instances. */
public class JobStateUnavailableException extends RuntimeException {

    public JobStateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
