package dev.berth.docker.internal.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A download whose engine stops sending: it gives its first bytes, then each read blocks until the stream is closed
 * or the read deadline has passed since that read began, as a socket read with a timeout does.
 */
final class StalledStream extends InputStream {
    private final byte[] bytes;
    private final int sent;
    private final long timeoutNanos;
    private int position;
    private boolean closed;

    StalledStream(byte[] bytes, long afterBytes, Duration readTimeout) {
        this.bytes = bytes;
        this.sent = (int) Math.min(afterBytes, bytes.length);
        this.timeoutNanos = readTimeout.toNanos();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("Stream closed");
        }
        if (len == 0) {
            return 0;
        }
        if (position < sent) {
            int n = Math.min(len, sent - position);
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while (!closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("Read timed out");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while the download stalled");
            }
        }
        throw new IOException("Socket closed");
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
