package io.reelay.encode.staging;

import io.reelay.events.ObjectLocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** A staging bucket on the local disk, for tests of the encoder without an object store. */
final class LocalObjectStore implements ObjectStore {

    static final String BUCKET = "local-staging";

    private final Path root;

    LocalObjectStore(Path root) {
        this.root = root;
    }

    @Override
    public ObjectLocation put(String key, Path file) throws IOException {
        Path target = fileOf(key);
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        return new ObjectLocation(BUCKET, key);
    }

    @Override
    public void putEmpty(String key) throws IOException {
        Path target = fileOf(key);
        Files.createDirectories(target.getParent());
        Files.write(target, new byte[0]);
    }

    @Override
    public List<String> keysUnder(String prefix) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString())
                    .filter(key -> key.startsWith(prefix))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public void delete(List<String> keys) throws IOException {
        for (String key : keys) {
            Files.deleteIfExists(fileOf(key));
        }
    }

    Path fileOf(String key) {
        return root.resolve(key);
    }
}
