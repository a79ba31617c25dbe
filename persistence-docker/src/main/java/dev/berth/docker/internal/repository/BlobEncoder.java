package dev.berth.docker.internal.repository;

import dev.berth.docker.internal.common.Background;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Compresses and seals new blobs and adds them to their packs on a thread of its own, in the order they came, so that
 * a snapshot's reading, chunking and hashing go on while the last chunks are encoded and spooled. At most
 * {@value #LIMIT} bytes of blobs wait (each is copied, since the chunker reuses its buffer), so memory stays flat.
 * A failure there is thrown here, at the next blob or at {@link #drain()}. Not thread-safe on the handing side.
 */
final class BlobEncoder implements AutoCloseable {
    static final int LIMIT = 8 << 20;

    private final Codec codec;
    private final PackWriter packs;
    private final Codec.Scratch scratch = Codec.scratch();
    private final Semaphore room = new Semaphore(LIMIT);
    private final Deque<Future<?>> pending = new ArrayDeque<>();
    private final ExecutorService thread = Background.thread("berth-blob-encode");

    BlobEncoder(Codec codec, PackWriter packs) {
        this.codec = codec;
        this.packs = packs;
    }

    /** Hands over a new blob of {@code length} bytes at {@code offset}. */
    void add(BlobRef.Kind kind, String id, byte[] b, int offset, int length) throws IOException {
        while (!pending.isEmpty() && pending.peek().isDone()) {
            await(pending.poll());
        }
        byte[] raw = Arrays.copyOfRange(b, offset, offset + length);
        int permits = Math.min(length, LIMIT);
        try {
            room.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a snapshot's chunks were encoded");
        }
        pending.add(thread.submit(() -> {
            try {
                packs.add(kind, id, codec.encode(raw, 0, raw.length, scratch), raw.length);
            } finally {
                room.release(permits);
            }
            return null;
        }));
    }

    /** Waits until every blob handed over is in a pack; the packs are then this thread's to flush. */
    void drain() throws IOException {
        while (!pending.isEmpty()) {
            await(pending.poll());
        }
    }

    /** Waits for the blobs under way, whatever became of them, then ends the thread. */
    @Override
    public void close() {
        try {
            while (!pending.isEmpty()) {
                try {
                    await(pending.poll());
                } catch (IOException | RuntimeException e) {
                    // the snapshot is failing already; what was spooled is dropped with the packs
                }
            }
        } finally {
            thread.shutdownNow();
            scratch.close();
        }
    }

    private static void await(Future<?> blob) throws IOException {
        Background.await(blob, "encoding a snapshot's chunk");
    }
}
