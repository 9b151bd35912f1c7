package io.reelay.encode.staging;

import io.reelay.events.ObjectLocation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

    Path fileOf(String key) {
        return root.resolve(key);
    }
}
