package io.reelay.probe;

import io.reelay.storage.S3Clients;
import io.reelay.storage.S3Settings;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;

/**
 * A real S3 API server in the test's JVM (S3Proxy over an in-memory blob store) on a fixed port, so that it can be
 * stopped and started again at the same address with its objects intact, as an object store that is briefly down.
 */
final class TestObjectStore implements AutoCloseable {

    static final String IDENTITY = "reelay-test";
    static final String SECRET = "reelay-test-secret";
    static final String BUCKET = "sources";

    private final BlobStore blobs = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class).getBlobStore();
    private final int port;
    private final S3Client s3;
    private final S3Presigner presigner;
    private S3Proxy server;

    TestObjectStore() throws Exception {
        port = freePort();
        start();
        s3 = S3Clients.client(settings(SECRET));
        presigner = S3Clients.presigner(settings(SECRET));
        s3.createBucket(request -> request.bucket(BUCKET));
    }

    void start() throws Exception {
        server = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, SECRET)
                .build();
        server.start();
        while (!server.getState().equals("STARTED")) {
            Thread.sleep(20);
        }
    }

    void stop() throws Exception {
        server.stop();
    }

    S3Client s3() {
        return s3;
    }

    S3Presigner presigner() {
        return presigner;
    }

    S3Settings settings(String secret) {
        return new S3Settings(URI.create("http://127.0.0.1:" + port), "us-east-1", IDENTITY, secret, true, true, null);
    }

    void put(String key, Path file) {
        s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromFile(file));
    }

    void put(String key, byte[] bytes) {
        s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        s3.close();
        presigner.close();
        server.stop();
    }
}
