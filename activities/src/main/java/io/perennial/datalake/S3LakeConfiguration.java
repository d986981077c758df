package io.perennial.datalake;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The S3-compatible store the data-lake partitions are uploaded to. Without a bucket only the local folder is written.
 *
 * @param endpoint        blank for AWS itself; e.g. {@code http://minio:9000} for MinIO, Ceph or R2
 * @param prefix          the key prefix the {@code table=…} folders go under; blank for the bucket's root
 * @param pathStyle       {@code http://endpoint/bucket/key} rather than {@code http://bucket.endpoint/key}, as MinIO
 *                        and most self-hosted stores need
 * @param accessKeyId     blank: the AWS default chain (AWS_ACCESS_KEY_ID, profiles, an instance or pod role)
 * @param timeout         for connecting, and for each read of an answer
 */
@ConfigurationProperties("perennial.data-lake.s3")
public record S3LakeConfiguration(@Nullable String endpoint,
                                  @Nullable String bucket,
                                  @Nullable String prefix,
                                  @Bindable(defaultValue = "us-east-1") String region,
                                  @Bindable(defaultValue = "false") boolean pathStyle,
                                  @Nullable String accessKeyId,
                                  @Nullable String secretAccessKey,
                                  @Bindable(defaultValue = "30s") Duration timeout) {

    public boolean hasEndpoint() {
        return endpoint != null && !endpoint.isBlank();
    }

    public boolean hasStaticCredentials() {
        return accessKeyId != null && !accessKeyId.isBlank();
    }

    /** The prefix as keys start with it: {@code a/b/}, or empty. */
    public String keyPrefix() {
        String trimmed = prefix == null ? "" : prefix.strip().replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? "" : trimmed + "/";
    }
}
