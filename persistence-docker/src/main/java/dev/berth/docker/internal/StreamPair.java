package dev.berth.docker.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the two halves of a stream on two threads joined by a bounded {@link ChunkPipe}, so that one side's CPU work
 * (hashing, checking, encoding) overlaps the other's waiting on the engine or the disk. The first failure of either
 * side is the one thrown; a failed producer never makes its stream look complete. The consumer must read to the end.
 */
final class StreamPair {
    private static final int CHUNK = 1 << 17;

    /** Writes the stream, on a background thread. */
    interface Producer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Reads the stream to its end, on the calling thread. */
    interface Consumer<T> {
        T readFrom(InputStream in) throws IOException;
    }

    private StreamPair() {
    }

    static <T> T run(Producer producer, Consumer<T> consumer) throws IOException {
        ChunkPipe pipe = new ChunkPipe();
        AtomicReference<Throwable> first = new AtomicReference<>();
        Future<Void> background = BackgroundTask.start(() -> {
            OutputStream out = new BufferedOutputStream(pipe.sink, CHUNK);
            try {
                producer.writeTo(out);
                out.close();
            } catch (IOException | RuntimeException | Error e) {
                first.compareAndSet(null, e); // before the pipe ends, so that it is known to be first
                try {
                    pipe.sink.close();
                } catch (IOException readerGone) {
                    e.addSuppressed(readerGone);
                }
                throw e;
            }
            return null;
        });
        T result = null;
        try (InputStream in = pipe.source) {
            result = consumer.readFrom(in);
        } catch (IOException | RuntimeException | Error e) {
            first.compareAndSet(null, e);
        }
        BackgroundTask.settle(background);
        Throwable failure = first.get();
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return result;
    }
}
