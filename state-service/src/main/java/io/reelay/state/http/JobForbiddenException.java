package io.reelay.state.http;

/** The job exists but belongs to another tenant than the caller's: answered with 403. */
public class JobForbiddenException extends RuntimeException {

    public JobForbiddenException(String jobId) {
        super("Job " + jobId + " belongs to another tenant");
    }
}
