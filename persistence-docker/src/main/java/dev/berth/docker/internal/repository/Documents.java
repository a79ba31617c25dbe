package dev.berth.docker.internal.repository;

import dev.berth.docker.internal.common.Sha256;
import dev.berth.spi.SnapshotStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The repository's small objects (indexes, manifests, locks): text that begins with the SHA-256 of the rest, so that
 * damage shows without a key, then encoded and sealed as a blob is ({@link Codec}).
 */
final class Documents {
    /** Larger than any document Berth writes; a larger one is refused rather than read into memory. */
    private static final int LIMIT = 64 * 1024 * 1024;

    private final SnapshotStore store;
    private final Codec codec;

    Documents(SnapshotStore store, Codec codec) {
        this.store = store;
        this.codec = codec;
    }

    byte[] encode(String text) {
        String hash = "sha256:" + Sha256.hex(text) + "\n";
        byte[] plain = (hash + text).getBytes(StandardCharsets.UTF_8);
        return codec.encode(plain, 0, plain.length);
    }

    /** Writes a document under a key of its own; false when one is there. */
    boolean put(String key, String text) throws IOException {
        byte[] stored = encode(text);
        return store.put(key, new java.io.ByteArrayInputStream(stored), stored.length);
    }

    /** Writes a document named by the SHA-256 of its stored bytes, under {@code prefix}; returns its key. */
    String putNamed(String prefix, String text) throws IOException {
        byte[] stored = encode(text);
        String key = prefix + Sha256.hex(Sha256.digest().digest(stored));
        store.put(key, new java.io.ByteArrayInputStream(stored), stored.length);
        return key;
    }

    /** @throws IOException saying what is wrong with the document at {@code key} */
    String get(String key) throws IOException {
        byte[] stored;
        try (InputStream in = store.get(key)) {
            stored = in.readNBytes(LIMIT + 1);
        }
        if (stored.length > LIMIT) {
            throw new IOException("'" + key + "' is larger than any document Berth writes: it is not Berth's");
        }
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (key.startsWith(Keys.INDEX) && !name.equals(Sha256.hex(Sha256.digest().digest(stored)))) {
            throw new IOException("'" + key + "' does not match its name's SHA-256: it is damaged");
        }
        byte[] opened = codec.decodeDocument(stored, "'" + key + "'");
        String all = new String(opened, StandardCharsets.UTF_8);
        int nl = all.indexOf('\n');
        if (nl < 0 || !all.substring(0, nl).equals("sha256:" + Sha256.hex(all.substring(nl + 1)))) {
            throw new IOException("'" + key + "' does not match its own SHA-256: it is damaged");
        }
        return all.substring(nl + 1);
    }
}
