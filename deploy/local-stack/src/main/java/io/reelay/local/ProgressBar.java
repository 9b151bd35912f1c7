package io.reelay.local;

import java.util.ArrayList;
import java.util.List;

/** Renders a job's progress as text: a header line, then one bar per output. */
final class ProgressBar {

    static final int WIDTH = 30;

    private ProgressBar() {
    }

    static List<String> lines(JobProgress job) {
        List<String> lines = new ArrayList<>();
        lines.add("job " + job.jobId() + "  " + job.status());
        int idWidth = job.outputs().stream().mapToInt(o -> o.outputId().length()).max().orElse(0);
        for (JobProgress.Output output : job.outputs()) {
            lines.add("  " + pad(output.outputId(), idWidth) + "  " + bar(output.percent()) + "  "
                    + String.format("%3d%%", percentOf(output.percent())) + "  " + output.status());
        }
        return lines;
    }

    /** {@code [=========>          ]}: ASCII, so it reads the same in any terminal encoding. */
    static String bar(double percent) {
        int filled = (int) Math.round(clamp(percent) / 100 * WIDTH);
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled - 1 || filled == WIDTH ? '=' : i == filled - 1 ? '>' : ' ');
        }
        return bar.append(']').toString();
    }

    static int percentOf(double percent) {
        return (int) Math.floor(clamp(percent));
    }

    private static double clamp(double percent) {
        return Double.isNaN(percent) ? 0 : Math.max(0, Math.min(100, percent));
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
