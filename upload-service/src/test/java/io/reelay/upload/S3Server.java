package io.reelay.upload;

import io.reelay.storage.S3Clients;
import io.reelay.storage.S3Settings;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real S3 API server (S3Proxy over an in-memory blob store) on a free port of 127.0.0.1. It can go down and come
 * back on the same port with its objects intact, like a restarting store, and counts the server-side copies made to
 * each key, so a test can tell a file copied again from one left alone.
 */
final class S3Server implements AutoCloseable {

    private static final String ACCESS_KEY = "reelay-test";
    private static final String SECRET_KEY = "reelay-test-secret";

    private final BlobStoreContext blobs;
    private final CountingBlobStore store;
    private final int port;
    private S3Proxy proxy;

    private S3Server(BlobStoreContext blobs) throws Exception {
        this.blobs = blobs;
        this.store = new CountingBlobStore(blobs.getBlobStore());
        this.proxy = serve(store, 0);
        this.port = proxy.getPort();
    }

    static S3Server start() throws Exception {
        return new S3Server(ContextBuilder.newBuilder("transient").build(BlobStoreContext.class));
    }

    S3Settings settings() {
        return new S3Settings(URI.create("http://127.0.0.1:" + port), "us-east-1", ACCESS_KEY, SECRET_KEY, true, true,
                null);
    }

    /** Properties that point a service at this server. */
    Map<String, String> serviceProperties() {
        return Map.of(
                "reelay.s3.endpoint", settings().endpoint().toString(),
                "reelay.s3.access-key", ACCESS_KEY,
                "reelay.s3.secret-key", SECRET_KEY,
                "reelay.s3.path-style", "true",
                "reelay.s3.checksums-when-required", "true");
    }

    S3Client client() {
        return S3Clients.client(settings());
    }

    /** Server-side copies made to {@code bucket/key} so far. */
    int copiesTo(String bucket, String key) {
        return store.copies.getOrDefault(bucket + "/" + key, new AtomicInteger()).get();
    }

    /** Stops answering: connections to the port are refused. Objects are kept. */
    synchronized void goDown() throws Exception {
        proxy.stop();
    }

    /** Answers again on the same port, with every object it had. */
    synchronized void comeBack() throws Exception {
        proxy = serve(store, port);
    }

    @Override
    public synchronized void close() throws Exception {
        proxy.stop();
        blobs.close();
    }

    private static S3Proxy serve(BlobStore store, int port) throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        return proxy;
    }

    private static final class CountingBlobStore extends ForwardingBlobStore {

        private final Map<String, AtomicInteger> copies = new ConcurrentHashMap<>();

        CountingBlobStore(BlobStore blobStore) {
            super(blobStore);
        }

        @Override
        public String copyBlob(String fromContainer, String fromName, String toContainer, String toName,
                               CopyOptions options) {
            String eTag = super.copyBlob(fromContainer, fromName, toContainer, toName, options);
            copies.computeIfAbsent(toContainer + "/" + toName, key -> new AtomicInteger()).incrementAndGet();
            return eTag;
        }
    }
}
