package io.reelay.local.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The ffmpeg and ffprobe processes running on this machine, found by what their command lines name. */
public final class MediaProcesses {

    private MediaProcesses() {
    }

    /** Command lines of the ffmpeg processes that work on the job (its id is in their output paths). */
    public static List<String> ffmpegOf(String jobId) throws IOException {
        return running("ffmpeg", jobId);
    }

    /** Command lines of the ffprobe processes that read the source (its key is in their presigned URL). */
    public static List<String> ffprobeOf(String sourceKey) throws IOException {
        return running("ffprobe", sourceKey);
    }

    private static List<String> running(String program, String named) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(dir -> dir.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")),
                            StandardCharsets.UTF_8).replace('\0', ' ');
                    if (commandLine.contains(program) && commandLine.contains(named)) {
                        found.add(commandLine);
                    }
                } catch (IOException ended) {
                    // the process ended while the list was read
                }
            }
        }
        return found;
    }
}
