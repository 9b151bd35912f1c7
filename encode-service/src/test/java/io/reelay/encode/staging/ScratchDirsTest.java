package io.reelay.encode.staging;

import io.reelay.encode.core.OutputAttempt;
import io.reelay.events.ObjectLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchDirsTest {

    @TempDir
    Path root;

    private static OutputAttempt attempt(String outputId, int number) {
        return new OutputAttempt("job-1", outputId, number, new ObjectLocation("out", "job-1/" + outputId), 10.0);
    }

    private Path scratchFileOf(ScratchDirs dirs, OutputAttempt attempt, String name) throws Exception {
        Path file = dirs.of(attempt).resolve("360p").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "bytes");
    }

    @Test
    void anAttemptDeletesWhatEarlierAttemptsOfItsOutputLeftAndNothingElse() throws Exception {
        ScratchDirs dirs = new ScratchDirs(root);
        scratchFileOf(dirs, attempt("hls", 1), "seg_00000.m4s");
        scratchFileOf(dirs, attempt("hls", 1), "seg_00001.m4s");
        scratchFileOf(dirs, attempt("hls", 2), "seg_00000.m4s");
        Path newer = scratchFileOf(dirs, attempt("hls", 4), "seg_00000.m4s");
        Path otherOutput = scratchFileOf(dirs, attempt("dash", 1), "seg_00000.m4s");

        int deleted = dirs.deleteEarlierAttempts(attempt("hls", 3));

        assertThat(deleted).isEqualTo(3);
        assertThat(dirs.of(attempt("hls", 1))).doesNotExist();
        assertThat(dirs.of(attempt("hls", 2))).doesNotExist();
        assertThat(newer).as("a newer attempt may be running elsewhere").exists();
        assertThat(otherOutput).exists();
    }

    @Test
    void theFirstAttemptOfAnOutputFindsNothingToDelete() {
        ScratchDirs dirs = new ScratchDirs(root);

        assertThat(dirs.deleteEarlierAttempts(attempt("hls", 1))).isZero();
        assertThat(root).isEmptyDirectory();
    }
}
