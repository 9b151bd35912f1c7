package io.reelay.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the benchmark was asked to measure.
 *
 * @param sizes lengths in seconds of the generated 1080p sources, each put through the pipeline and through ffmpeg
 *              alone, in this order
 * @param out the Markdown report; the chart goes beside it, same name with {@code .png}. A relative path is taken
 *            from the repository root
 * @param stateEvents how many events the state service folds in its load test
 */
record BenchmarkOptions(List<Integer> sizes, Path out, int stateEvents, boolean help) {

    static final List<Integer> DEFAULT_SIZES = List.of(10, 60, 300);
    static final Path DEFAULT_OUT = Path.of("docs/benchmarks.md");
    static final int DEFAULT_STATE_EVENTS = 50_000;

    static final String USAGE = """
            Usage: bash deploy/bench/run.sh [--no-build] [options]

            Starts the local stack on free ports, puts generated 1080p sources through the whole pipeline (timed from
            submit to the final webhook), loads the state service, then runs the same ffmpeg command alone on local
            files, and writes a Markdown report with a PNG chart. Takes tens of minutes with the default sizes.

            Options:
              --no-build            do not build Reelay first (run.sh only)
              --sizes S1,S2,...     source lengths in seconds (default 10,60,300)
              --out FILE            the report (default docs/benchmarks.md, relative to the repository root);
                                    the chart is written beside it as FILE with .png
              --state-events N      events the state service folds in its load test (default 50000)
              -h, --help            this text
            """;

    BenchmarkOptions {
        if (sizes.isEmpty() || sizes.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("--sizes needs one or more lengths of at least 1 s, not " + sizes);
        }
        if (stateEvents < 1) {
            throw new IllegalArgumentException("--state-events must be positive, not " + stateEvents);
        }
        if (!out.getFileName().toString().endsWith(".md")) {
            throw new IllegalArgumentException("--out must name a .md file, not " + out);
        }
        sizes = List.copyOf(sizes);
    }

    /** Reads {@code --name value} and {@code --name=value}. */
    static BenchmarkOptions parse(List<String> args) {
        List<Integer> sizes = DEFAULT_SIZES;
        Path out = DEFAULT_OUT;
        int stateEvents = DEFAULT_STATE_EVENTS;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.replaceFirst("=.*", "");
            if (name.equals("-h") || name.equals("--help")) {
                help = true;
                continue;
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
            switch (name) {
                case "--sizes" -> sizes = sizes(value);
                case "--out" -> out = Path.of(value);
                case "--state-events" -> stateEvents = number(name, value);
                default -> throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        return new BenchmarkOptions(sizes, out, stateEvents, help);
    }

    /** The chart beside the report: {@code benchmarks.md} comes with {@code benchmarks.png}. */
    Path chart() {
        String report = out.getFileName().toString();
        return out.resolveSibling(report.substring(0, report.length() - ".md".length()) + ".png");
    }

    private static List<Integer> sizes(String value) {
        List<Integer> sizes = new ArrayList<>();
        for (String size : value.split(",")) {
            sizes.add(number("--sizes", size.trim()));
        }
        return sizes;
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes whole numbers, not " + value);
        }
    }
}
