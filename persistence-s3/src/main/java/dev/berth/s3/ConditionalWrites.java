package dev.berth.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.UUID;

/**
 * Proves once, before the first write, that the server honours {@code If-None-Match: *} on a put: a second put of a
 * probe key must be refused. A server that overwrites instead (older S3-compatible servers do) would let two writers
 * of one key both win, so the store refuses to write to it, saying so. The probe object is removed again.
 */
final class ConditionalWrites {
    static final String PROBES = "probes/";

    private final S3SnapshotStore store;
    private volatile boolean proven;

    ConditionalWrites(S3SnapshotStore store) {
        this.store = store;
    }

    void require() throws IOException {
        if (proven) {
            return;
        }
        synchronized (this) {
            if (proven) {
                return;
            }
            String key = PROBES + "conditional-write-" + UUID.randomUUID();
            byte[] first = "first".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] second = "second".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            try {
                store.putOnce(key, Upload.read(new ByteArrayInputStream(first), first.length, key));
                boolean overwrote = store.putOnce(key, Upload.read(new ByteArrayInputStream(second), second.length,
                        key));
                if (overwrote) {
                    throw new IOException("The S3 server of " + store.location() + " overwrote an object that a put"
                            + " with If-None-Match: * should have left alone. Berth needs conditional writes to keep"
                            + " snapshots create-only: use AWS S3, or a server that supports them (S3Proxy 4.0 or"
                            + " later, MinIO, Ceph RGW 19 or later)");
                }
            } finally {
                store.delete(key);
            }
            proven = true;
        }
    }
}
