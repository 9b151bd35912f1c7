package io.reelay.storage;

import io.reelay.retry.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs an object-store step again when it failed for a reason that may pass ({@link TransientStoreErrors}), waiting
 * as the {@link RetryPolicy} says, until it succeeds, the retries run out or the work it serves is stopped (revoked).
 * Steps must be safe to repeat (puts, copies, lists and deletes of deterministic keys).
 */
public final class StoreRetries {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRetries.class);
    /** How often a backoff wait looks whether the work was stopped meanwhile. */
    private static final Duration STOP_CHECK = Duration.ofMillis(100);

    private final RetryPolicy policy;

    public StoreRetries(RetryPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param stopped asked before every try and during waits; true ends the step with {@link Stopped}
     * @throws GaveUp when the last retry failed transiently too
     * @throws SdkException the first error that no retry can fix
     */
    public <T> T call(String step, BooleanSupplier stopped, Supplier<T> action) {
        for (int retry = 1; ; retry++) {
            if (stopped.getAsBoolean()) {
                throw new Stopped(step);
            }
            try {
                return action.get();
            } catch (SdkException | UncheckedIOException error) {
                // the SDK's URLConnection client lets a connection the server dropped escape as UncheckedIOException
                if (!TransientStoreErrors.isTransient(error)) {
                    throw error;
                }
                if (!policy.allows(retry)) {
                    throw new GaveUp(step, policy.retries(), error);
                }
                Duration wait = policy.delayBefore(retry);
                LOG.warn("{} failed ({}); retry {} of {} in {} ms", step, error.getMessage(), retry,
                        policy.retries(), wait.toMillis());
                pause(wait, stopped, step);
            }
        }
    }

    public void run(String step, BooleanSupplier stopped, Runnable action) {
        call(step, stopped, () -> {
            action.run();
            return null;
        });
    }

    private static void pause(Duration wait, BooleanSupplier stopped, String step) {
        long end = System.nanoTime() + wait.toNanos();
        try {
            for (long left = wait.toNanos(); left > 0; left = end - System.nanoTime()) {
                if (stopped.getAsBoolean()) {
                    throw new Stopped(step);
                }
                Thread.sleep(Math.min(Duration.ofNanos(left).toMillis() + 1, STOP_CHECK.toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped(step);
        }
    }

    /** The work was stopped (revoked, or the service is shutting down) before the step succeeded. */
    public static final class Stopped extends RuntimeException {
        Stopped(String step) {
            super(step + " stopped");
        }
    }

    /** Every retry of a step failed transiently: the object store stayed unavailable too long. */
    public static final class GaveUp extends RuntimeException {
        GaveUp(String step, int retries, RuntimeException last) {
            super(step + " failed after " + retries + " retries: " + last.getMessage(), last);
        }
    }
}
