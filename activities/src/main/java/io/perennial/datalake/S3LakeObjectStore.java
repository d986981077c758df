package io.perennial.datalake;

import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.net.URI;
import java.nio.file.Path;

/**
 * Uploads partitions to an S3-compatible store (AWS S3, MinIO, Ceph, R2...) with the AWS SDK for Java v2 over the
 * JDK's HTTP client. A PUT replaces the object whole, so a rewritten day holds exactly its rows, as the local file's
 * atomic move does. Active when {@code perennial.data-lake.s3.bucket} is set.
 */
@Singleton
@Requires(property = "perennial.data-lake.s3.bucket", pattern = ".*\\S.*")
public class S3LakeObjectStore implements LakeObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3LakeObjectStore.class);
    /** The media type registered for Parquet. */
    private static final String PARQUET = "application/vnd.apache.parquet";

    private final S3LakeConfiguration configuration;
    private final AwsCredentialsProvider credentials;
    private final S3Client s3;

    public S3LakeObjectStore(S3LakeConfiguration configuration) {
        this.configuration = configuration;
        this.credentials = credentials(configuration);
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(configuration.timeout())
                        .socketTimeout(configuration.timeout())
                        .build())
                .region(Region.of(configuration.region()))
                .forcePathStyle(configuration.pathStyle())
                .credentialsProvider(credentials)
                // Checksums only where S3 requires them: the SDK's default trailing CRC checksums (aws-chunked
                // uploads) are refused by several S3-compatible stores.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (configuration.hasEndpoint()) {
            builder.endpointOverride(URI.create(configuration.endpoint().strip()));
        }
        this.s3 = builder.build();
    }

    private static AwsCredentialsProvider credentials(S3LakeConfiguration configuration) {
        if (configuration.hasStaticCredentials()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(configuration.accessKeyId().strip(),
                    configuration.secretAccessKey() == null ? "" : configuration.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public void put(String partition, Path file) {
        String key = configuration.keyPrefix() + partition;
        long started = System.nanoTime();
        try {
            credentials.resolveCredentials();
        } catch (SdkException e) {
            // The default chain found nothing (no keys, profile or role): configuration, not an outage.
            throw new LakeStoreFailure("the data-lake store " + where() + " has no credentials: " + e.getMessage()
                    + "; set PERENNIAL_DATA_LAKE_S3_ACCESS_KEY_ID and PERENNIAL_DATA_LAKE_S3_SECRET_ACCESS_KEY", true, e);
        }
        try {
            s3.putObject(PutObjectRequest.builder().bucket(configuration.bucket().strip()).key(key)
                    .contentType(PARQUET).build(), RequestBody.fromFile(file));
        } catch (AwsServiceException e) {
            throw answered(key, e);
        } catch (SdkException e) {
            throw new LakeStoreFailure("the data-lake store " + where() + " could not be reached for " + key + ": "
                    + e.getMessage(), false, e);
        }
        LOG.debug("uploaded {} to {} in {} ms", partition, location(), (System.nanoTime() - started) / 1_000_000);
    }

    /** 4xx (but a timeout, a conflict or throttling) is the configuration's fault; 5xx the store's, for now. */
    private LakeStoreFailure answered(String key, AwsServiceException e) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null ? "?" : e.awsErrorDetails().errorCode();
        boolean refused = status >= 400 && status < 500 && status != 408 && status != 409 && status != 429;
        String hint = status == 401 || status == 403
                ? "; check PERENNIAL_DATA_LAKE_S3_ACCESS_KEY_ID and PERENNIAL_DATA_LAKE_S3_SECRET_ACCESS_KEY and the"
                + " key's rights on the bucket"
                : "";
        return new LakeStoreFailure("the data-lake store " + where() + (refused ? " refused " : " failed on ") + key
                + ": " + code + " (HTTP " + status + ")" + hint, refused, e);
    }

    @Override
    public String location() {
        return "s3://" + configuration.bucket().strip() + "/" + configuration.keyPrefix();
    }

    private String where() {
        return location() + (configuration.hasEndpoint() ? " at " + configuration.endpoint().strip() : "");
    }

    @PreDestroy
    void close() {
        s3.close();
    }
}
