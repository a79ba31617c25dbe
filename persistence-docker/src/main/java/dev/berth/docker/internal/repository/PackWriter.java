package dev.berth.docker.internal.repository;

import dev.berth.docker.internal.common.Background;
import dev.berth.docker.internal.common.Sha256;
import dev.berth.spi.SnapshotStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Groups stored blobs into pack files of about {@value #TARGET} bytes, spooled in a temporary file so that memory
 * stays flat: the blobs, then their header (kind, id, lengths; encoded as a blob is), then the header's length in four
 * bytes. A pack is named by the SHA-256 of its tail (the encoded header and its length), which names every blob in it
 * by its content's hash and says where it lies, so that the pack's data is hashed once, as blobs, and not a second time
 * as a whole. A full pack is put whole, once, by a thread of its own while the next one fills (at most
 * {@value #IN_FLIGHT} at a time), so that the store's write and flush to disk or upload overlap the reading and
 * hashing; {@link #flush()} waits for them all. Not thread-safe.
 */
final class PackWriter implements AutoCloseable {
    static final int TARGET = 16 * 1024 * 1024;
    private static final int IN_FLIGHT = 2;

    /** A pack handed to the store: its name, size and blobs, and the put under way. */
    private record Put(String pack, long size, List<BlobRef> blobs, Path spool, Future<Boolean> done) {
    }

    private final SnapshotStore store;
    private final Codec codec;
    private final List<BlobRef> written = new ArrayList<>();
    private final List<BlobRef> inPack = new ArrayList<>();
    private final Deque<Put> puts = new ArrayDeque<>();
    private @Nullable ExecutorService putter;
    private long storedBytes;
    private Path spool;
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
            out = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16);
            size = 0;
        }
        out.write(stored);
        inPack.add(new BlobRef(id, kind, "", size, stored.length, rawLength));
        size += stored.length;
        if (size >= TARGET) {
            seal();
            while (puts.size() > IN_FLIGHT) {
                collect(puts.poll());
            }
        }
    }

    /** Puts the pack being filled, if any, and waits until every pack is in the store. */
    void flush() throws IOException {
        seal();
        while (!puts.isEmpty()) {
            collect(puts.poll());
        }
    }

    /** Ends the pack being filled and hands it to the putting thread. */
    private void seal() throws IOException {
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
        byte[] length = {(byte) (encoded.length >>> 24), (byte) (encoded.length >>> 16), (byte) (encoded.length >>> 8),
            (byte) encoded.length};
        out.write(encoded);
        out.write(length);
        out.close();
        out = null;
        MessageDigest sha = Sha256.digest();
        sha.update(encoded);
        String pack = Sha256.hex(sha.digest(length));
        Path file = spool;
        spool = null;
        if (putter == null) {
            putter = Background.thread("berth-pack-put");
        }
        long packSize = size + encoded.length + 4;
        puts.add(new Put(pack, packSize, List.copyOf(inPack), file, putter.submit(() -> {
            boolean put = store.putFile(Keys.pack(pack), file);
            Files.deleteIfExists(file);
            return put;
        })));
        inPack.clear();
    }

    private void collect(Put put) throws IOException {
        Background.await(put.done(), "putting pack " + put.pack());
        storedBytes += put.size();
        for (BlobRef b : put.blobs()) {
            written.add(new BlobRef(b.id(), b.kind(), put.pack(), b.offset(), b.length(), b.rawLength()));
        }
    }

    /** The blobs in packs put so far. */
    List<BlobRef> written() {
        return written;
    }

    /** The bytes of the packs put so far. */
    long storedBytes() {
        return storedBytes;
    }

    /** Drops a pack being filled, waits for the puts under way, and removes every spool file. */
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
        for (Put put : puts) {
            try {
                Background.await(put.done(), "putting pack " + put.pack());
            } catch (IOException | RuntimeException e) {
                // the snapshot is failing already; its packs are garbage for the next collection
            }
            Files.deleteIfExists(put.spool());
        }
        puts.clear();
        if (putter != null) {
            putter.shutdownNow();
            putter = null;
        }
    }
}
