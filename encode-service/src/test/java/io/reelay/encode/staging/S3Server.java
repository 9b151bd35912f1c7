package io.reelay.encode.staging;

import io.reelay.storage.S3Clients;
import io.reelay.storage.S3Settings;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;

/** A real S3 API server (S3Proxy over an in-memory blob store) on a free port of 127.0.0.1. */
public final class S3Server implements AutoCloseable {

    private static final String ACCESS_KEY = "reelay-test";
    private static final String SECRET_KEY = "reelay-test-secret";

    private final BlobStoreContext blobs;
    private final S3Proxy proxy;
    private final S3Settings settings;

    private S3Server(BlobStoreContext blobs, S3Proxy proxy) {
        this.blobs = blobs;
        this.proxy = proxy;
        this.settings = new S3Settings(URI.create("http://127.0.0.1:" + proxy.getPort()), "us-east-1", ACCESS_KEY,
                SECRET_KEY, true, true, null);
    }

    public static S3Server start() throws Exception {
        return start(AuthenticationType.AWS_V2_OR_V4, 0);
    }

    /** A server on a port that stays the same when it is stopped and started again. */
    static S3Server startOnFixedPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return start(AuthenticationType.AWS_V2_OR_V4, port);
    }

    /** A server that serves every object to anyone, as a CDN in front of published outputs does for players. */
    static S3Server startOpenToPlayers() throws Exception {
        return start(AuthenticationType.NONE, 0);
    }

    private static S3Server start(AuthenticationType authentication, int port) throws Exception {
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(authentication, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        return new S3Server(blobs, proxy);
    }

    /** Where players fetch an object without credentials (servers started open to players only). */
    URI publicUrl(String bucket, String key) {
        return URI.create(settings.endpoint() + "/" + bucket + "/" + key);
    }

    /** The {@code reelay.s3.*} properties that point a service at this server. */
    public Map<String, Object> serviceProperties() {
        return Map.of("reelay.s3.endpoint", settings.endpoint().toString(),
                "reelay.s3.access-key", ACCESS_KEY,
                "reelay.s3.secret-key", SECRET_KEY,
                "reelay.s3.path-style", true,
                "reelay.s3.checksums-when-required", true);
    }

    public S3Client client() {
        return S3Clients.client(settings);
    }

    /** Stops answering, keeping every object, as a store that goes down does. */
    void stop() throws Exception {
        proxy.stop();
    }

    /** Answers again, on the same port (see {@link #startOnFixedPort()}), with the same objects. */
    void startAgain() throws Exception {
        proxy.start();
    }

    S3Presigner presigner() {
        return S3Clients.presigner(settings);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        blobs.close();
    }
}
