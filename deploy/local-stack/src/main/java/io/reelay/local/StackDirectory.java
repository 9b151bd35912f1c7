package io.reelay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The local stack's data directory: one working directory per component ({@code kafka/}, {@code s3/} ...) and
 * every log under {@code logs/}.
 */
public record StackDirectory(Path root) {

    /** Marks a directory as the local stack's, so that clearing it can never delete anything else. */
    private static final String MARKER = ".reelay-local-stack";

    /**
     * Empties the directory for a new stack, keeping nothing of an earlier run: the registry holds schemas in
     * memory only, so records left in Kafka would name schema ids the new registry does not know. Refuses a
     * directory with content the local stack did not create.
     */
    public StackDirectory clear() {
        try {
            if (Files.isDirectory(root) && !Files.exists(root.resolve(MARKER)) && !isEmpty(root)) {
                throw new IllegalStateException(root + " holds files the local stack did not create; choose an"
                        + " empty or new --data-dir");
            }
            if (Files.isDirectory(root)) {
                try (Stream<Path> tree = Files.walk(root)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(root)).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(root);
            Files.createFile(root.resolve(MARKER));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + root, e);
        }
    }

    /** The directory of one component, created if needed. */
    public Path component(String name) {
        return created(root.resolve(name));
    }

    public Path logs() {
        return created(root.resolve("logs"));
    }

    public Path logFile(String component) {
        return logs().resolve(component + ".log");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static Path created(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }
}
