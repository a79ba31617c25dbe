package dev.berth.docker.internal.engine;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline on every read and write of one connection: when one waits longer than the timeout, the connection is
 * closed and the blocked call fails with a {@link SocketTimeoutException}. A unix socket's channel has no read
 * timeout of its own, so a watchdog keeps it.
 */
final class ReadDeadline implements Closeable {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "berth-read-deadline");
        t.setDaemon(true);
        return t;
    });

    private final Closeable connection;
    private final long timeoutNanos;
    private final ScheduledFuture<?> watch;
    /** When the call now waiting began, or 0 when none waits. */
    private volatile long waitingSince;
    private volatile boolean expired;

    private ReadDeadline(Closeable connection, Duration timeout) {
        this.connection = connection;
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(50, Math.min(1000, timeout.toMillis() / 4));
        this.watch = WATCHDOG.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    static ReadDeadline watch(Closeable connection, Duration timeout) {
        return new ReadDeadline(connection, timeout);
    }

    private void check() {
        long since = waitingSince;
        if (since != 0 && System.nanoTime() - since > timeoutNanos) {
            expired = true;
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing is how the blocked call is woken; it fails with the timeout below
            }
        }
    }

    InputStream guard(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                begin();
                try {
                    return in.read();
                } catch (IOException e) {
                    throw timedOut(e);
                } finally {
                    end();
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                begin();
                try {
                    return in.read(b, off, len);
                } catch (IOException e) {
                    throw timedOut(e);
                } finally {
                    end();
                }
            }
        };
    }

    OutputStream guard(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                begin();
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw timedOut(e);
                } finally {
                    end();
                }
            }
        };
    }

    private void begin() {
        waitingSince = System.nanoTime();
    }

    private void end() {
        waitingSince = 0;
    }

    private IOException timedOut(IOException e) {
        if (!expired) {
            return e;
        }
        SocketTimeoutException timeout = new SocketTimeoutException("the engine sent and took nothing for "
                + Duration.ofNanos(timeoutNanos).toSeconds() + " s: the stream stalled");
        timeout.initCause(e);
        return timeout;
    }

    @Override
    public void close() {
        watch.cancel(false);
    }
}
