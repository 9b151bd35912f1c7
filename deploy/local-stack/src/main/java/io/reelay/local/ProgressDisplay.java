package io.reelay.local;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Shows a job's progress as it changes. On a terminal the bars are redrawn in place; anywhere else (a pipe, a
 * CI log) a snapshot is printed only when a status changes or an output passes another quarter.
 */
final class ProgressDisplay {

    /** Moves the cursor to the start of the line {@code n} lines up (CSI n F). */
    private static final String LINES_UP = "\033[%dF";
    private static final String CLEAR_LINE_END = "\033[K";
    private static final String CLEAR_SCREEN_END = "\033[J";

    private final PrintStream out;
    private final boolean terminal;
    private int drawnLines;
    private String lastMilestone = "";

    ProgressDisplay(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(JobProgress job) {
        List<String> lines = ProgressBar.lines(job);
        if (terminal) {
            redraw(lines);
        } else {
            String milestone = milestoneOf(job);
            if (!milestone.equals(lastMilestone)) {
                lastMilestone = milestone;
                lines.forEach(out::println);
            }
        }
        out.flush();
    }

    private void redraw(List<String> lines) {
        StringBuilder frame = new StringBuilder();
        if (drawnLines > 0) {
            frame.append(String.format(LINES_UP, drawnLines));
        }
        lines.forEach(line -> frame.append(line).append(CLEAR_LINE_END).append('\n'));
        frame.append(CLEAR_SCREEN_END);
        out.print(frame);
        drawnLines = lines.size();
    }

    private static String milestoneOf(JobProgress job) {
        return job.status() + job.outputs().stream()
                .map(o -> o.outputId() + ":" + o.status() + ":" + ProgressBar.percentOf(o.percent()) / 25)
                .collect(Collectors.joining(",", "[", "]"));
    }
}
