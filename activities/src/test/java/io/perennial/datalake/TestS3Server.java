package io.perennial.datalake;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.HttpResponse;
import org.gaul.s3proxy.blobstore.HttpResponseException;
import org.gaul.s3proxy.blobstore.domain.Blob;
import org.gaul.s3proxy.blobstore.options.PutOptions;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real S3 server in the test JVM: s3proxy's S3 front end (Jetty, AWS signature v4) over an in-memory store, on a
 * fixed port so it can be stopped (the store is down) and started again with the same objects. It can also answer
 * 503 to uploads of chosen keys, as a failing store does.
 */
final class TestS3Server implements AutoCloseable {

    static final String ACCESS_KEY = "lake-access-key";
    static final String SECRET_KEY = "lake-secret-key";

    private final int port = freePort();
    private final FailableStore objects = new FailableStore();
    private final S3Client client;
    private S3Proxy proxy;

    TestS3Server(String bucket) {
        start();
        client = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint())).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .build();
        client.createBucket(request -> request.bucket(bucket));
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    void start() {
        proxy = S3Proxy.builder().blobStore(objects).endpoint(URI.create(endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start on " + endpoint(), e);
        }
    }

    void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Uploads of keys containing {@code fragment} answer 503 until {@link #heal()}. */
    void failUploadsOf(String fragment) {
        objects.failing = fragment;
    }

    void heal() {
        objects.failing = null;
    }

    /** The keys under {@code prefix}, sorted. */
    List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    /** Downloads every object under {@code prefix} into {@code folder}, at its key less the prefix. */
    Path download(String bucket, String prefix, Path folder) {
        for (String key : keys(bucket, prefix)) {
            Path file = folder.resolve(key.substring(prefix.length()));
            try {
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            client.getObject(request -> request.bucket(bucket).key(key), file);
        }
        return folder;
    }

    @Override
    public void close() {
        client.close();
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The in-memory store, kept across restarts of the front end. */
    private static final class FailableStore extends ForwardingBlobStore {
        volatile String failing;

        FailableStore() {
            super(new TransientNio2BlobStore());
        }

        @Override
        public String putBlob(String container, Blob blob, PutOptions options) {
            String fragment = failing;
            if (fragment != null && blob.getMetadata().name().contains(fragment)) {
                // Read the upload first, as a store failing to write it would: answering before the body is read
                // makes the client see a broken connection instead of the 503.
                try (InputStream payload = blob.getPayload()) {
                    if (payload != null) {
                        payload.transferTo(OutputStream.nullOutputStream());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                throw new HttpResponseException(new HttpResponse(503));
            }
            return super.putBlob(container, blob, options);
        }
    }
}
