package dev.berth.docker.internal.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A new file written through a buffer, whose data is forced to disk in the background every {@value #FORCE_EVERY}
 * bytes while it is written, so that forcing the rest on {@link #close()} is quick: the disk writes overlap the
 * stream instead of following it. Not thread-safe.
 */
final class ForcedFile extends OutputStream {
    private static final int BUFFER = 1 << 20;
    private static final long FORCE_EVERY = 64L << 20;

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER); // written to the file without a copy
    private long unforced;
    private Future<Void> forcing = CompletableFuture.completedFuture(null);
    private boolean closed;

    ForcedFile(Path path) throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public void write(int b) throws IOException {
        if (!buffer.hasRemaining()) {
            flushBuffer();
        }
        buffer.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (!buffer.hasRemaining()) {
                flushBuffer();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    private void flushBuffer() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer data) throws IOException {
        unforced += data.remaining();
        while (data.hasRemaining()) {
            channel.write(data);
        }
        if (unforced >= FORCE_EVERY && forcing.isDone()) {
            unforced = 0;
            forcing = BackgroundTask.start(() -> {
                channel.force(false);
                return null;
            });
        }
    }

    /** Writes what is buffered and forces the whole file to disk. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flushBuffer();
            BackgroundTask.join(forcing);
            channel.force(true);
        } finally {
            closed = true;
            channel.close();
        }
    }

    /** Closes without writing or forcing anything more. */
    void abandon() throws IOException {
        closed = true;
        BackgroundTask.settle(forcing);
        channel.close();
    }
}
