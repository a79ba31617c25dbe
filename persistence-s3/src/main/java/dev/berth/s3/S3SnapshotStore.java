package dev.berth.s3;

import dev.berth.spi.SnapshotStore;
import dev.berth.spi.StoreKeys;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link SnapshotStore} in an S3 bucket (AWS S3, or any S3-compatible server that honours conditional writes):
 * one object per key, under an optional prefix. A put is one request with {@code If-None-Match: *}, so that an object
 * is made once and never overwritten, and with {@code Content-MD5}, so that what reaches the bucket is what was sent;
 * large objects go up in parts, completed with the same condition. Thread-safe; close it to release its connections.
 *
 * <pre>{@code
 * SnapshotStore s3 = S3SnapshotStore.builder()
 *     .endpoint(URI.create("http://127.0.0.1:9000")).region("us-east-1").bucket("berth-snapshots")
 *     .credentials(accessKeyId, Secret.of(secretAccessKey))
 *     .build();
 * }</pre>
 */
public final class S3SnapshotStore implements SnapshotStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3SnapshotStore.class);
    /** Conflicting writes of one key in flight: S3 answers 409 to all but one, which then retry. */
    private static final int CONFLICT_RETRIES = 10;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String location;
    private final ConditionalWrites conditional;
    private final long multipartAbove;

    S3SnapshotStore(S3Client s3, String bucket, String prefix, String endpoint, long multipartAbove) {
        this.multipartAbove = multipartAbove;
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.location = "s3://" + bucket + "/" + prefix + (endpoint.isEmpty() ? "" : " at " + endpoint);
        this.conditional = new ConditionalWrites(this);
    }

    /** A builder of an S3 store. */
    public static S3StoreBuilder builder() {
        return new S3StoreBuilder();
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public boolean put(String key, InputStream data, long length) throws IOException {
        StoreKeys.require(key);
        try (Upload upload = Upload.read(data, length, key)) {
            return create(key, upload);
        }
    }

    @Override
    public boolean putFile(String key, Path file) throws IOException {
        StoreKeys.require(key);
        try (Upload upload = Upload.of(file)) {
            return create(key, upload);
        }
    }

    private boolean create(String key, Upload upload) throws IOException {
        conditional.require();
        if (upload.length() > multipartAbove && upload.inFile()) {
            return call("write", key, () -> new Multipart(s3, bucket, name(key)).create(upload));
        }
        return putOnce(key, upload);
    }

    /** One conditional put; also used by {@link ConditionalWrites} to probe the server. */
    boolean putOnce(String key, Upload upload) throws IOException {
        PutObjectRequest request = PutObjectRequest.builder().bucket(bucket).key(name(key))
                .contentLength(upload.length()).contentMD5(upload.contentMd5()).ifNoneMatch("*").build();
        for (int attempt = 0; ; attempt++) {
            try {
                s3.putObject(request, upload.body());
                return true;
            } catch (SdkException e) {
                int status = S3Failures.status(e);
                if (status == 412) {
                    return madeByAnAnswerLost(key, upload);
                }
                if (status != 409 || attempt >= CONFLICT_RETRIES) {
                    throw S3Failures.of(e, "write", key, location, bucket);
                }
                pause(attempt);
            }
        }
    }

    /**
     * Whether an object that exists is this put's own, made by an attempt whose answer was lost before the SDK
     * retried it: the same bytes (its ETag is their MD5). A put of bytes already there changes nothing either way.
     */
    private boolean madeByAnAnswerLost(String key, Upload upload) throws IOException {
        HeadObjectResponse head = call("read", key, () -> s3.headObject(b -> b.bucket(bucket).key(name(key))));
        return upload.etag().equals(head.eTag());
    }

    private static void pause(int attempt) throws IOException {
        try {
            Thread.sleep(20L * (attempt + 1) + (long) (Math.random() * 30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing to S3");
        }
    }

    @Override
    public InputStream get(String key) throws IOException {
        StoreKeys.require(key);
        return call("read", key, () -> s3.getObject(GetObjectRequest.builder().bucket(bucket).key(name(key)).build()));
    }

    @Override
    public InputStream get(String key, long offset, long length) throws IOException {
        StoreKeys.require(key);
        if (length == 0) {
            long size = call("read", key, () -> s3.headObject(b -> b.bucket(bucket).key(name(key)))).contentLength();
            if (size < offset) {
                throw new EOFException("'" + key + "' has " + size + " bytes, fewer than " + offset);
            }
            return InputStream.nullInputStream();
        }
        GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(name(key))
                .range("bytes=" + offset + "-" + (offset + length - 1)).build();
        var in = call("read", key, () -> {
            try {
                return s3.getObject(request);
            } catch (SdkException e) {
                if (S3Failures.status(e) == 416) {
                    return null;
                }
                throw e;
            }
        });
        if (in == null || in.response().contentLength() < length) {
            if (in != null) {
                in.abort();
            }
            throw new EOFException("'" + key + "' in " + location + " has fewer than " + (offset + length) + " bytes");
        }
        return in;
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        List<String> keys = new ArrayList<>();
        call("list", keyPrefix + "*", () -> {
            for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
                    .prefix(prefix + keyPrefix).build()).contents()) {
                keys.add(o.key().substring(prefix.length()));
            }
            return keys;
        });
        return keys;
    }

    @Override
    public boolean delete(String key) throws IOException {
        StoreKeys.require(key);
        try {
            s3.headObject(b -> b.bucket(bucket).key(name(key)));
        } catch (SdkException e) {
            if (S3Failures.isMissing(e)) {
                return false;
            }
            throw S3Failures.of(e, "delete", key, location, bucket);
        }
        call("delete", key, () -> s3.deleteObject(b -> b.bucket(bucket).key(name(key))));
        return true;
    }

    private String name(String key) {
        return prefix + key;
    }

    private <T> T call(String what, String key, Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw S3Failures.of(e, what, key, location, bucket);
        }
    }

    /** A request to S3. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException;
    }

    @Override
    public void close() {
        s3.close();
        LOG.debug("Closed the S3 client of {}", location);
    }

    @Override
    public String toString() {
        return "S3SnapshotStore[" + location + "]";
    }
}
