package io.reelay.encode.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressParserTest {

    private final ProgressParser parser = new ProgressParser();

    @Test
    void reportsEncodedSecondsAndSpeedAtTheEndOfEachBlock() {
        List<Optional<Progress>> reports = feed("frame=50", "fps=0.00", "out_time_us=2000000",
                "out_time_ms=2000000", "out_time=00:00:02.000000", "speed=4.1x", "progress=continue");

        assertThat(reports.subList(0, reports.size() - 1)).allMatch(Optional::isEmpty);
        assertThat(reports.get(reports.size() - 1)).contains(new Progress(2.0, 4.1, false));
    }

    @Test
    void marksTheFinalBlockAsEnded() {
        feed("out_time_us=1500000", "speed=2x", "progress=continue");

        List<Optional<Progress>> reports = feed("out_time_us=3920000", "speed=  16x", "progress=end");

        assertThat(reports.get(2)).contains(new Progress(3.92, 16, true));
    }

    @Test
    void readsOutTimeMsAsMicrosecondsLikeFfmpegWritesIt() {
        List<Optional<Progress>> reports = feed("out_time_ms=2500000", "progress=continue");

        assertThat(reports.get(1)).map(Progress::encodedSeconds).contains(2.5);
    }

    @Test
    void keepsTheLastKnownValuesWhileFfmpegReportsNotAvailable() {
        feed("out_time_us=1000000", "speed=1.5x", "progress=continue");

        List<Optional<Progress>> reports = feed("out_time_us=N/A", "speed=N/A", "progress=continue");

        assertThat(reports.get(2)).contains(new Progress(1.0, 0, false));
    }

    @Test
    void treatsTheNegativeOutTimeOfTheFirstBlockAsZero() {
        List<Optional<Progress>> reports = feed("out_time_us=-9223372036854775807", "progress=continue");

        assertThat(reports.get(1)).map(Progress::encodedSeconds).contains(0.0);
    }

    @Test
    void ignoresLinesThatAreNotKeyValuePairs() {
        assertThat(feed("", "garbage", "stream_0_0_q=23.0")).allMatch(Optional::isEmpty);
    }

    private List<Optional<Progress>> feed(String... lines) {
        return List.of(lines).stream().map(parser::accept).toList();
    }
}
