package io.reelay.local.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The fault report: one row per scenario, appended to {@code target/fault-report.md} (a Markdown table, its header
 * written with the first row of a run) and printed.
 */
final class FaultReport {

    private static final Path FILE = Path.of("target", "fault-report.md");
    private static final String HEADER = """
            | scenario | what was broken | jobs | completed | left over | wall time |
            |---|---|---:|---:|---|---:|
            """;

    /**
     * @param leftOver what the jobs left behind (staged objects, scratch files) and anything else out of place
     * @param wallTime from the first job's submission to the last check
     */
    record Row(String scenario, String broken, int jobs, int completed, String leftOver, Duration wallTime) {

        String markdown() {
            return "| " + cell(scenario) + " | " + cell(broken) + " | " + jobs + " | " + completed + " | "
                    + cell(leftOver) + " | " + wallTime.toSeconds() + " s |\n";
        }

        private static String cell(String text) {
            return text.replace("|", "\\|").replace("\n", " ");
        }
    }

    private FaultReport() {
    }

    /** Starts the report of a new run: the rows of an earlier run are dropped. */
    static synchronized void startNew() {
        try {
            Files.deleteIfExists(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + FILE, e);
        }
    }

    static synchronized void append(Row row) {
        String line = row.markdown();
        System.out.print("fault report: " + line);
        try {
            if (!Files.exists(FILE)) {
                Files.createDirectories(FILE.toAbsolutePath().getParent());
                Files.writeString(FILE, HEADER);
            }
            Files.writeString(FILE, line, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE, e);
        }
    }
}
