package io.reelay.state.core;

import io.reelay.events.JobState;

/**
 * A job's state before and after one event. Downstream steps need both: a notification is due only on the change
 * that made the job final, not on every later look at it.
 *
 * @param before the state before the event; null for the first event of a job
 * @param after the state after the event
 */
public record JobStateChange(JobState before, JobState after) {
}
