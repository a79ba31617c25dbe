package dev.berth.docker.internal.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A stream fetched as fast as it comes, by a thread of its own, into a temporary file, and read back behind it: the
 * engine's archive of a volume is off the volume (and its writers free again, {@code whenFetched}) as soon as the
 * engine has sent it, while chunking, hashing and compressing go on at their own pace. Memory stays flat; the file
 * holds what the reader has not caught up with, and is deleted on {@link #close()}.
 */
final class ReadAhead implements AutoCloseable {
    private static final int BUFFER = 1 << 17;

    private final Path file;
    private final FileChannel channel;
    private final Thread fetcher;
    private final Object lock = new Object();
    private long fetched;
    private boolean done;
    private @Nullable IOException failure;
    private volatile @Nullable InputStream source;

    private ReadAhead(Path file, FileChannel channel, Supplier<InputStream> opener, Runnable whenFetched) {
        this.file = file;
        this.channel = channel;
        this.fetcher = new Thread(() -> fetch(opener, whenFetched), "berth-read-ahead");
        fetcher.setDaemon(true);
    }

    /** Starts fetching; {@code whenFetched} runs on the fetching thread once the source has ended or failed. */
    static ReadAhead start(Supplier<InputStream> opener, Runnable whenFetched) throws IOException {
        Path file = Files.createTempFile("berth-read-ahead-", ".tar");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ReadAhead ahead = new ReadAhead(file, channel, opener, whenFetched);
        ahead.fetcher.start();
        return ahead;
    }

    private void fetch(Supplier<InputStream> opener, Runnable whenFetched) {
        IOException failed = null;
        try (InputStream in = opener.get()) {
            source = in;
            byte[] buffer = new byte[BUFFER];
            long at = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
                while (b.hasRemaining()) {
                    at += channel.write(b, at);
                }
                synchronized (lock) {
                    fetched = at;
                    lock.notifyAll();
                }
            }
        } catch (IOException e) {
            failed = e;
        } catch (RuntimeException e) {
            failed = new IOException(e.getMessage(), e);
        } finally {
            synchronized (lock) {
                failure = failed;
                done = true;
                lock.notifyAll();
            }
            whenFetched.run();
        }
    }

    /** What was fetched, as it arrives; fails as the source failed. One reader only. */
    InputStream reader() {
        return new InputStream() {
            private long at;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                long available = awaitBeyond(at);
                if (available <= at) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, available - at)), at);
                at += n;
                return n;
            }
        };
    }

    /** Waits until more than {@code at} bytes are fetched, or the fetch ended; returns how many are. */
    private long awaitBeyond(long at) throws IOException {
        synchronized (lock) {
            while (fetched <= at && !done) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the volume's archive");
                }
            }
            if (fetched <= at && failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
            return fetched;
        }
    }

    /** Stops a fetch that is still running, waits for its thread, and deletes the file. */
    @Override
    public void close() throws IOException {
        InputStream in = source;
        if (fetcher.isAlive() && in != null) {
            in.close(); // ends a fetch that is no longer wanted
        }
        try {
            fetcher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            channel.close();
            Files.deleteIfExists(file);
        }
    }
}
