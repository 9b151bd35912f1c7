package io.reelay.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkChartTest {

    @Test
    void drawsAPngWithoutADisplay(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<BenchmarkReport.SizeRun> sizes = List.of(
                new BenchmarkReport.SizeRun(10, new TimedJob.Timing("a", 12, 3, JsonNodeFactory.instance.objectNode()),
                        new MeteredRun.Cost(8, 14, 0)),
                new BenchmarkReport.SizeRun(60, new TimedJob.Timing("b", 50, 5, JsonNodeFactory.instance.objectNode()),
                        new MeteredRun.Cost(40, 80, 0)));
        Path png = dir.resolve("charts/benchmarks.png");

        BenchmarkChart.write(sizes, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(520);
    }
}
