package dev.berth.docker.internal.repository;

import dev.berth.docker.internal.common.Sha256;
import dev.berth.spi.SnapshotStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups stored blobs into pack files of about {@value #TARGET} bytes, spooled in a temporary file so that memory
 * stays flat: the blobs, then their header (kind, id, lengths; encoded as a blob is), then the header's length in four
 * bytes. A pack is named by the SHA-256 of all its bytes and put whole, once. Not thread-safe.
 */
final class PackWriter implements AutoCloseable {
    static final int TARGET = 16 * 1024 * 1024;

    private final SnapshotStore store;
    private final Codec codec;
    private final List<BlobRef> written = new ArrayList<>();
    private final List<BlobRef> inPack = new ArrayList<>();
    private long storedBytes;
    private Path spool;
    private MessageDigest sha;
    private OutputStream out;
    private long size;

    PackWriter(SnapshotStore store, Codec codec) {
        this.store = store;
        this.codec = codec;
    }

    /** Adds an encoded blob; a full pack is put on the way. */
    void add(BlobRef.Kind kind, String id, byte[] stored, int rawLength) throws IOException {
        if (out == null) {
            spool = Files.createTempFile("berth-pack-", ".tmp");
            sha = Sha256.digest();
            out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16), sha);
            size = 0;
        }
        out.write(stored);
        inPack.add(new BlobRef(id, kind, "", size, stored.length, rawLength));
        size += stored.length;
        if (size >= TARGET) {
            flush();
        }
    }

    /** Puts the pack being filled, if any. */
    void flush() throws IOException {
        if (out == null) {
            return;
        }
        StringBuilder header = new StringBuilder();
        for (BlobRef b : inPack) {
            header.append(b.kind() == BlobRef.Kind.DATA ? 'D' : 'T').append(' ').append(b.id()).append(' ')
                    .append(b.length()).append(' ').append(b.rawLength()).append('\n');
        }
        byte[] text = header.toString().getBytes(StandardCharsets.UTF_8);
        byte[] encoded = codec.encode(text, 0, text.length);
        out.write(encoded);
        out.write(new byte[] {(byte) (encoded.length >>> 24), (byte) (encoded.length >>> 16),
                (byte) (encoded.length >>> 8), (byte) encoded.length});
        out.close();
        out = null;
        String pack = Sha256.hex(sha.digest());
        long packSize = Files.size(spool);
        store.putFile(Keys.pack(pack), spool);
        Files.deleteIfExists(spool);
        spool = null;
        storedBytes += packSize;
        for (BlobRef b : inPack) {
            written.add(new BlobRef(b.id(), b.kind(), pack, b.offset(), b.length(), b.rawLength()));
        }
        inPack.clear();
    }

    /** The blobs in packs put so far. */
    List<BlobRef> written() {
        return written;
    }

    /** The bytes of the packs put so far. */
    long storedBytes() {
        return storedBytes;
    }

    /** Drops a pack being filled. */
    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        if (spool != null) {
            Files.deleteIfExists(spool);
            spool = null;
        }
    }
}
