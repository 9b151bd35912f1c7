package io.reelay.probe;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The probes this instance is running, by job id, so that a revoke read on another thread can stop them. */
@Singleton
public class RunningProbes {

    private final Map<String, ProbeRun> runs = new ConcurrentHashMap<>();

    ProbeRun start(String jobId) {
        ProbeRun run = new ProbeRun(jobId);
        runs.put(jobId, run);
        return run;
    }

    void finish(ProbeRun run) {
        runs.remove(run.jobId(), run);
    }

    /** @return how many processes the revoke stopped */
    int revoke(String jobId) {
        ProbeRun run = runs.get(jobId);
        return run == null ? 0 : run.revoke();
    }
}
