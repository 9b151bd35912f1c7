package io.reelay.local.faults;

import io.reelay.local.e2e.Await;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What jobs left behind: objects in the work bucket (staged files, encode's attempt records) and files in encode's
 * scratch dir. S3Proxy's filesystem backend shows folders as keys ending in {@code /}; those are not objects.
 */
record Leftovers(List<String> objects, List<Path> scratchFiles) {

    /**
     * Waits until the jobs have nothing left over, or the deadline passes. Encode deletes attempt records after
     * committing the job, which may be a moment after the job is complete.
     */
    static Leftovers awaitNone(FaultStack stack, List<String> jobIds, Duration timeout) throws InterruptedException {
        try {
            return Await.until("nothing left over by " + jobIds, timeout,
                    () -> Optional.of(of(stack, jobIds)).filter(Leftovers::none));
        } catch (AssertionError stillThere) {
            return of(stack, jobIds);
        }
    }

    static Leftovers of(FaultStack stack, List<String> jobIds) {
        List<String> objects = stack.s3.listObjectsV2Paginator(list -> list.bucket(stack.stagingBucket()))
                .contents().stream()
                .map(S3Object::key)
                .filter(key -> !key.endsWith("/"))
                .filter(key -> jobIds.stream().anyMatch(jobId -> key.contains("/" + jobId + "/")))
                .toList();
        List<Path> files = jobIds.stream().flatMap(jobId -> filesUnder(stack.scratchDir().resolve(jobId))).toList();
        return new Leftovers(objects, files);
    }

    /** Files under the dir; a walk that meets a file being deleted is walked again. */
    private static Stream<Path> filesUnder(Path dir) {
        for (int walk = 1; ; walk++) {
            if (!Files.exists(dir)) {
                return Stream.empty();
            }
            try (Stream<Path> tree = Files.walk(dir)) {
                return tree.filter(Files::isRegularFile).toList().stream();
            } catch (IOException | UncheckedIOException deletedMeanwhile) {
                if (walk == 3) {
                    throw new IllegalStateException("cannot list " + dir, deletedMeanwhile);
                }
            }
        }
    }

    boolean none() {
        return objects.isEmpty() && scratchFiles.isEmpty();
    }

    /** For the report: "none", or how many of each, with a few examples. */
    String describe() {
        if (none()) {
            return "none";
        }
        return objects.size() + " objects " + objects.stream().limit(3).toList() + ", " + scratchFiles.size()
                + " scratch files " + scratchFiles.stream().limit(3).toList();
    }
}
