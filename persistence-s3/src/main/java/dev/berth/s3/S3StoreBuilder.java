package dev.berth.s3;

import dev.berth.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds an {@link S3SnapshotStore}. Only the bucket is required: without an endpoint the store talks to AWS S3,
 * without credentials it takes them where the AWS SDK finds them (environment, profile, instance role).
 */
public final class S3StoreBuilder {
    private URI endpoint;
    private String region = "us-east-1";
    private String bucket;
    private String prefix = "";
    private AwsCredentialsProvider credentials;
    private Duration timeout = Duration.ofMinutes(2);
    private int connections = 16;
    private long multipartAbove = Multipart.THRESHOLD;

    S3StoreBuilder() {
    }

    /** An S3-compatible server, such as {@code http://127.0.0.1:9000}; its buckets are addressed by path. */
    public S3StoreBuilder endpoint(URI endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        return this;
    }

    /** The bucket's region ({@code us-east-1} unless told). */
    public S3StoreBuilder region(String region) {
        this.region = Objects.requireNonNull(region, "region");
        return this;
    }

    /** The bucket, which must exist: Berth never creates or deletes buckets. */
    public S3StoreBuilder bucket(String bucket) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        return this;
    }

    /** A folder of the bucket to keep the repository in, such as {@code "berth/prod"}; the whole bucket unless told. */
    public S3StoreBuilder prefix(String prefix) {
        String p = Objects.requireNonNull(prefix, "prefix").replaceAll("^/+|/+$", "");
        if (!p.isEmpty()) {
            dev.berth.spi.StoreKeys.require(p);
        }
        this.prefix = p.isEmpty() ? "" : p + "/";
        return this;
    }

    /** An access key; the secret is only ever handed to the SDK's signer, never logged or shown. */
    public S3StoreBuilder credentials(String accessKeyId, Secret secretAccessKey) {
        this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                Objects.requireNonNull(accessKeyId, "accessKeyId"), secretAccessKey.reveal()));
        return this;
    }

    /** How long one request may take, its retries included (two minutes unless told). */
    public S3StoreBuilder timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /** How many connections to keep open at most (16 unless told). */
    public S3StoreBuilder connections(int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("at least one connection is needed, not " + connections);
        }
        this.connections = connections;
        return this;
    }

    /** Objects larger than this go up in parts (tests make it small). */
    S3StoreBuilder multipartAbove(long bytes) {
        this.multipartAbove = Math.max(bytes, Multipart.PART);
        return this;
    }

    public S3SnapshotStore build() {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("name the bucket: S3SnapshotStore.builder().bucket(\"berth-snapshots\")");
        }
        S3ClientBuilder b = S3Client.builder().region(Region.of(region))
                .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(connections)
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)))
                // Content-MD5 guards each put; the CRC32 trailers the SDK adds by default, some servers refuse
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout));
        if (endpoint != null) {
            b.endpointOverride(endpoint).forcePathStyle(true);
        }
        return new S3SnapshotStore(b.build(), bucket, prefix, endpoint == null ? "" : endpoint.toString(),
                multipartAbove);
    }
}
