package dev.berth.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A large object put in parts: none is visible until the upload is completed, with {@code If-None-Match: *}, so that
 * it is still made once; a failed upload is aborted, and S3 keeps nothing of it. Parts are read into memory one at a
 * time.
 */
final class Multipart {
    /** Objects above this go up in parts (a single put takes up to 5 GiB; packs are far smaller). */
    static final long THRESHOLD = 256L << 20;
    static final int PART = 16 << 20;

    private final S3Client s3;
    private final String bucket;
    private final String name;

    Multipart(S3Client s3, String bucket, String name) {
        this.s3 = s3;
        this.bucket = bucket;
        this.name = name;
    }

    /** Uploads the parts and completes the object; false when it exists already. */
    boolean create(Upload upload) throws IOException {
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key(name)).uploadId();
        boolean done = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long offset = 0; offset < upload.length(); offset += PART) {
                int number = parts.size() + 1;
                int size = (int) Math.min(PART, upload.length() - offset);
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(name).uploadId(id).partNumber(number)
                        .contentLength((long) size), upload.part(offset, size)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            try {
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(name).uploadId(id).ifNoneMatch("*")
                        .multipartUpload(m -> m.parts(parts)));
            } catch (SdkException e) {
                if (S3Failures.status(e) == 412) {
                    return false;
                }
                throw e;
            }
            done = true;
            return true;
        } finally {
            if (!done) {
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(name).uploadId(id));
                } catch (SdkException e) {
                    // the bucket's lifecycle rule for incomplete uploads removes it; nothing of it is visible
                }
            }
        }
    }
}
