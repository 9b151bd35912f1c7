package io.reelay.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The repository checkout the local stack runs from, and where the build leaves what it starts: the service jars
 * and the third-party servers that the deploy modules fetch from Maven Central.
 */
public record ReelayHome(Path root) {

    /** System property naming the repository root explicitly. */
    public static final String HOME_PROPERTY = "reelay.home";
    private static final String PARENT_ARTIFACT = "<artifactId>reelay-parent</artifactId>";

    /**
     * The root named by {@value #HOME_PROPERTY}, else the nearest directory holding Reelay's parent pom above the
     * working directory, else above this class's own jar.
     */
    public static ReelayHome locate() {
        String explicit = System.getProperty(HOME_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return new ReelayHome(Path.of(explicit).toAbsolutePath().normalize());
        }
        return rootAbove(Path.of("").toAbsolutePath())
                .or(() -> codeLocation().flatMap(ReelayHome::rootAbove))
                .map(ReelayHome::new)
                .orElseThrow(() -> new IllegalStateException("Cannot find the Reelay repository above "
                        + Path.of("").toAbsolutePath() + "; set -D" + HOME_PROPERTY + "=<repository root>"));
    }

    /** The runnable jar of a service module (its dependencies are in {@code target/lib} beside it). */
    public Path serviceJar(String module) {
        Path target = root.resolve(module).resolve("target");
        try (Stream<Path> files = listing(target)) {
            List<Path> jars = files
                    .filter(p -> p.getFileName().toString().startsWith(module + "-"))
                    .filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().matches(".*-(sources|javadoc|tests)\\.jar"))
                    .toList();
            if (jars.size() != 1) {
                throw notBuilt(target.resolve(module + "-<version>.jar"));
            }
            return jars.get(0);
        }
    }

    /** Kafka's jars, for {@code java -cp '<dir>/*' kafka.Kafka}. */
    public Path kafkaLibDir() {
        return existing(root.resolve("deploy/kafka-broker/target/lib"));
    }

    public Path apicurioRunnerJar() {
        Path dir = root.resolve("deploy/apicurio/target/apicurio-registry");
        try (Stream<Path> files = listing(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar"))
                    .findFirst()
                    .orElseThrow(() -> notBuilt(dir.resolve("apicurio-registry-app-<version>-runner.jar")));
        }
    }

    public Path s3proxyJar() {
        return existing(root.resolve("deploy/s3proxy/target/s3proxy.jar"));
    }

    /** Where the launcher keeps data and logs unless told otherwise; ignored by git. */
    public Path defaultDataDir() {
        return root.resolve(".local-stack");
    }

    private static Optional<Path> rootAbove(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && isParentPom(pom)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** The parent pom names itself reelay-parent; every module's pom names it only inside its parent element. */
    private static boolean isParentPom(Path pom) {
        try {
            return Files.readString(pom).replaceAll("(?s)<parent>.*?</parent>", "").contains(PARENT_ARTIFACT);
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> codeLocation() {
        CodeSource source = ReelayHome.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private Stream<Path> listing(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw notBuilt(dir);
        }
        try {
            return Files.list(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path existing(Path path) {
        if (!Files.exists(path)) {
            throw notBuilt(path);
        }
        return path;
    }

    private IllegalStateException notBuilt(Path missing) {
        return new IllegalStateException(missing + " is missing: build first with `mvn -B -DskipTests install` in "
                + root);
    }
}
