package io.reelay.local;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The report's chart: per source length, the ladder's wall time by ffmpeg alone beside Reelay's, submit to final
 * webhook, with the ratio under each pair. Drawn with XChart in a headless JVM (no display needed).
 */
final class BenchmarkChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private BenchmarkChart() {
    }

    static void write(List<BenchmarkReport.SizeRun> sizes, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("1080p to a 3-rung HLS ladder: wall time")
                .xAxisTitle("generated source (Reelay / ffmpeg alone)").yAxisTitle("seconds").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setYAxisDecimalPattern("#0.0");
        chart.getStyler().setYAxisMin(0.0);
        List<String> categories = sizes.stream()
                .map(size -> String.format(Locale.ROOT, "%d s (x%.2f)", size.sourceSeconds(), size.ratio()))
                .toList();
        chart.addSeries("ffmpeg alone, local files", categories,
                sizes.stream().map(size -> size.alone().wallSeconds()).toList());
        chart.addSeries("Reelay, submit to final webhook", categories,
                sizes.stream().map(size -> size.pipeline().wallSeconds()).toList());
        Files.createDirectories(png.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, file, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
