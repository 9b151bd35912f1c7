package io.reelay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Java properties files for the third-party servers, written in the order given so that they read well. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static String render(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    static Path write(Path file, Map<String, String> properties) {
        try {
            return Files.writeString(file, render(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
