package io.reelay.encode.staging;

import io.reelay.events.ObjectLocation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The work bucket of the object store: staged files, and the attempt records of outputs. */
public interface ObjectStore {

    /** Stores the file under the key, replacing what is there, and returns where it now is. */
    ObjectLocation put(String key, Path file) throws IOException;

    /** Stores an empty object under the key: a record whose existence is the whole fact. */
    void putEmpty(String key) throws IOException;

    /** Keys of every object whose key starts with the prefix. */
    List<String> keysUnder(String prefix) throws IOException;

    /** Deletes the objects; a key that holds nothing is not an error. */
    void delete(List<String> keys) throws IOException;
}
