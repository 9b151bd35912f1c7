package io.reelay.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S3Proxy serving the S3 API from plain files under {@code <data>/s3/blobs}, run from the standalone jar the
 * {@code deploy/s3proxy} module fetches. Like S3 it checks request signatures, so presigned URLs behave as in
 * production. Log: {@code <data>/logs/s3proxy.log}.
 */
public final class S3ProxyServer {

    public static final String NAME = "s3proxy";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private S3ProxyServer() {
    }

    /** Starts S3Proxy from the repository found by {@link ReelayHome#locate()}; returns once it accepts connections. */
    public static ManagedProcess start(Path dataDir, int port, String accessKey, String secretKey) {
        return start(ReelayHome.locate(), dataDir, port, accessKey, secretKey);
    }

    public static ManagedProcess start(ReelayHome home, Path dataDir, int port, String accessKey, String secretKey) {
        StackDirectory stack = new StackDirectory(dataDir);
        Path work = stack.component("s3");
        Path config = ConfigFiles.write(work.resolve("s3proxy.conf"),
                configuration(stack.component("s3/blobs"), port, accessKey, secretKey));
        ManagedProcess server = ManagedProcess.start(NAME, Jvm.command(List.of("-Xmx256m",
                        "-jar", home.s3proxyJar().toString(), "--properties", config.toString())),
                Map.of(), work, stack.logFile(NAME));
        return server.awaitReady(URI.create("tcp://127.0.0.1:" + port), READY_TIMEOUT);
    }

    public static URI endpoint(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    static Map<String, String> configuration(Path blobDir, int port, String accessKey, String secretKey) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("s3proxy.endpoint", endpoint(port).toString());
        config.put("s3proxy.authorization", "aws-v2-or-v4");
        config.put("s3proxy.identity", accessKey);
        config.put("s3proxy.credential", secretKey);
        // The SDK's multipart client sends x-amz-mp-object-size, which S3Proxy otherwise answers with 501.
        config.put("s3proxy.ignore-unknown-headers", "true");
        // Browsers play outputs straight from the object store, from a page on another origin.
        config.put("s3proxy.cors-allow-all", "true");
        config.put("jclouds.provider", "filesystem");
        config.put("jclouds.filesystem.basedir", blobDir.toString());
        return config;
    }
}
