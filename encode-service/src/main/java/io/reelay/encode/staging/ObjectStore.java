package io.reelay.encode.staging;

import io.reelay.events.ObjectLocation;

import java.io.IOException;
import java.nio.file.Path;

/** Where staged files go: the staging bucket of the object store. */
public interface ObjectStore {

    /** Stores the file under the key, replacing what is there, and returns where it now is. */
    ObjectLocation put(String key, Path file) throws IOException;
}
