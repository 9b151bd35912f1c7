package io.reelay.encode.staging;

import io.reelay.encode.core.OutputAttempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Local folders where ffmpeg writes the files of an output attempt: {@code <root>/<job>/<output>/<attempt>}. */
public final class ScratchDirs {

    private static final Logger LOG = LoggerFactory.getLogger(ScratchDirs.class);
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern ATTEMPT_NUMBER = Pattern.compile("[0-9]{1,9}");

    private final Path root;

    public ScratchDirs(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path of(OutputAttempt attempt) {
        return root.resolve(folderName(attempt.jobId())).resolve(folderName(attempt.outputId()))
                .resolve(Integer.toString(attempt.attempt()));
    }

    public static void create(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    /**
     * Deletes the folders of the output's attempts numbered below {@code attempt}: an instance that died mid-attempt
     * on this machine never cleaned up after it, and the attempt that supersedes it is the one to. Newer attempts
     * are left alone, as an instance that took the output over may be running one.
     *
     * @return how many files were deleted
     */
    public int deleteEarlierAttempts(OutputAttempt attempt) {
        Path outputDir = of(attempt).getParent();
        if (!Files.isDirectory(outputDir)) {
            return 0;
        }
        List<Path> earlier;
        try (Stream<Path> attempts = Files.list(outputDir)) {
            earlier = attempts.filter(dir -> isAttemptBelow(dir, attempt.attempt())).toList();
        } catch (IOException listFailed) {
            LOG.warn("could not list scratch dir {}", outputDir, listFailed);
            return 0;
        }
        int deletedFiles = 0;
        for (Path dir : earlier) {
            LOG.info("deleting the scratch files of earlier attempt {}", dir.getFileName());
            deletedFiles += delete(dir);
        }
        return deletedFiles;
    }

    /**
     * Removes the folder with everything in it, and its job and output folders once they are empty. Never
     * fails the encode: a leftover only costs disk space.
     *
     * @return how many files (not folders) were deleted
     */
    public int delete(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        int[] deletedFiles = {0};
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> {
                if (deleteOne(path)) {
                    deletedFiles[0]++;
                }
            });
            for (Path parent = dir.getParent(); !parent.equals(root); parent = parent.getParent()) {
                Files.delete(parent);
            }
        } catch (DirectoryNotEmptyException otherOutputOfTheJob) {
            // the job's other outputs still have their folders
        } catch (IOException | UncheckedIOException deleteFailed) {
            LOG.warn("could not delete scratch dir {}", dir, deleteFailed);
        }
        return deletedFiles[0];
    }

    private static boolean isAttemptBelow(Path dir, int attempt) {
        String name = dir.getFileName().toString();
        return Files.isDirectory(dir) && ATTEMPT_NUMBER.matcher(name).matches() && Integer.parseInt(name) < attempt;
    }

    /** Deletes one file or empty folder; true when it was a file. */
    private static boolean deleteOne(Path path) {
        try {
            boolean file = Files.isRegularFile(path);
            return Files.deleteIfExists(path) && file;
        } catch (IOException deleteFailed) {
            throw new UncheckedIOException(deleteFailed);
        }
    }

    /**
     * Ids come from clients: anything but a plain name could climb out of the root, so other ids are
     * replaced by a plain form plus a hash that keeps two different ids apart.
     */
    static String folderName(String id) {
        if (PLAIN_NAME.matcher(id).matches()) {
            return id;
        }
        String plain = id.replaceAll("[^A-Za-z0-9_-]", "_");
        return plain.substring(0, Math.min(plain.length(), 60)) + "-" + Integer.toHexString(id.hashCode());
    }
}
