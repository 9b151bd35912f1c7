package io.reelay.local;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    @Test
    void barFillsInProportionAndPointsAtWhereItStands() {
        assertThat(ProgressBar.bar(0)).isEqualTo("[" + " ".repeat(30) + "]");
        assertThat(ProgressBar.bar(50)).isEqualTo("[" + "=".repeat(14) + ">" + " ".repeat(15) + "]");
        assertThat(ProgressBar.bar(100)).isEqualTo("[" + "=".repeat(30) + "]");
    }

    @Test
    void barStaysWithinItsFrameWhateverThePercentSays() {
        assertThat(ProgressBar.bar(-5)).isEqualTo(ProgressBar.bar(0));
        assertThat(ProgressBar.bar(250)).isEqualTo(ProgressBar.bar(100));
        assertThat(ProgressBar.bar(Double.NaN)).isEqualTo(ProgressBar.bar(0));
    }

    @Test
    void oneHeaderLineThenOneAlignedLinePerOutput() {
        JobProgress job = new JobProgress("j-1", "ENCODING", List.of(
                new JobProgress.Output("hls", "ENCODING", 42.7, null, null),
                new JobProgress.Output("dash-web", "QUEUED", 0, null, null)), null);

        assertThat(ProgressBar.lines(job)).containsExactly(
                "job j-1  ENCODING",
                "  hls       " + ProgressBar.bar(42.7) + "   42%  ENCODING",
                "  dash-web  " + ProgressBar.bar(0) + "    0%  QUEUED");
    }

    @Test
    void onATerminalTheBarsAreRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

        display.show(job("ENCODING", 10));
        display.show(job("ENCODING", 11));

        String written = bytes.toString(StandardCharsets.UTF_8);
        assertThat(written).startsWith("job j-1  ENCODING\033[K\n");
        assertThat(written).contains("\033[2F" + "job j-1  ENCODING\033[K\n");
        assertThat(written).contains(" 11%  ENCODING\033[K\n");
    }

    @Test
    void elsewhereASnapshotIsPrintedOnlyWhenSomethingMeaningfulChanged() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay display = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        display.show(job("ENCODING", 1));
        display.show(job("ENCODING", 20));
        display.show(job("ENCODING", 30));
        display.show(job("UPLOADING", 30));

        String written = bytes.toString(StandardCharsets.UTF_8);
        assertThat(written).doesNotContain("\033");
        assertThat(written.lines().filter(l -> l.startsWith("job "))).containsExactly(
                "job j-1  ENCODING", "job j-1  ENCODING", "job j-1  UPLOADING");
        assertThat(written).contains("  1%", " 30%").doesNotContain(" 20%");
    }

    private static JobProgress job(String status, double percent) {
        return new JobProgress("j-1", status, List.of(new JobProgress.Output("hls", status, percent, null, null)), null);
    }
}
