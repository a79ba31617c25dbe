package dev.berth.samples;

import dev.berth.DataProbe;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes a monotonic sequence through a probe on a thread of its own, as fast as the service acknowledges: key
 * {@code seq-n}, value {@code n}. A write that fails (the container was killed) is tried again with the same
 * {@code n} until acknowledged, so the acknowledged writes are always exactly {@code 0 .. acknowledged() - 1}.
 */
final class SequenceWriter implements AutoCloseable {
    /** How long the writer waits after a failed write; also the resolution of the recovery times. */
    private static final long RETRY_PAUSE_MILLIS = 50;

    private final DataProbe probe;
    private final Thread thread = new Thread(this::writeUntilClosed, "sequence-writer");
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Kill> lastKill = new AtomicReference<>(new Kill(Long.MAX_VALUE));
    private volatile boolean paused;
    private volatile boolean closed;

    SequenceWriter(DataProbe probe) {
        this.probe = probe;
        thread.setDaemon(true);
        thread.start();
    }

    static String key(long n) {
        return "seq-" + n;
    }

    /** How many writes the service acknowledged so far. */
    long acknowledged() {
        return acknowledged.get();
    }

    /**
     * Call once the container is dead: the writes begun from now on go to its successor. The future completes with
     * the {@link System#nanoTime()} at which the first of them is acknowledged.
     */
    CompletableFuture<Long> killed() {
        Kill kill = new Kill(System.nanoTime());
        lastKill.set(kill);
        return kill.firstAcknowledged;
    }

    /** Stops writing after the write in flight, until {@link #resume()}: checking need not race the writer. */
    void pause() {
        paused = true;
    }

    void resume() {
        paused = false;
    }

    private void writeUntilClosed() {
        long n = 0;
        while (!closed) {
            if (paused) {
                sleep(5);
                continue;
            }
            long started = System.nanoTime();
            try {
                probe.write(key(n), Long.toString(n));
            } catch (RuntimeException e) {
                sleep(RETRY_PAUSE_MILLIS);
                continue;
            }
            long done = System.nanoTime();
            acknowledged.set(++n);
            Kill kill = lastKill.get();
            // A write sent before the kill may be acknowledged after it: only a write begun after counts.
            if (started > kill.atNanos) {
                kill.firstAcknowledged.complete(done);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A kill, and when the first write begun after it was acknowledged. */
    private static final class Kill {
        final long atNanos;
        final CompletableFuture<Long> firstAcknowledged = new CompletableFuture<>();

        Kill(long atNanos) {
            this.atNanos = atNanos;
        }
    }
}
