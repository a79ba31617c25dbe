package dev.berth.docker.internal.archive;

import dev.berth.Progress;
import dev.berth.ProgressListener;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the bytes of a long operation and reports them: to the listener every {@value #REPORT_BYTES} bytes and at
 * the end, to the log every {@link #LOG_EVERY}. A listener's exception is logged, never passed on. Not thread-safe.
 */
public final class ProgressMeter {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressMeter.class);
    private static final long REPORT_BYTES = 16L << 20;
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final ProgressListener listener;
    private final Progress.Operation operation;
    private final String subject;
    private final long total;
    private final long started = System.nanoTime();
    private long done;
    private long reportedAt;
    private long loggedAt = started;

    public ProgressMeter(ProgressListener listener, Progress.Operation operation, String subject, long total) {
        this.listener = listener;
        this.operation = operation;
        this.subject = subject;
        this.total = total;
    }

    public void add(long bytes) {
        done += bytes;
        if (done - reportedAt >= REPORT_BYTES) {
            reportedAt = done;
            report(false);
        }
        long now = System.nanoTime();
        if (now - loggedAt >= LOG_EVERY.toNanos()) {
            loggedAt = now;
            Progress p = progress(false);
            LOG.info("{} {}: {} MiB{} at {} MiB/s", operation, subject, done >> 20,
                    total > 0 ? " of " + (total >> 20) + " MiB (" + Math.round(p.fraction().orElse(0) * 100) + "%)" : "",
                    Math.round(p.mibPerSecond()));
        }
    }

    /** The last report. */
    public Progress finish() {
        Progress p = report(true);
        return p;
    }

    long bytes() {
        return done;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Counts what is read from {@code in}. */
    public InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    add(n);
                }
                return n;
            }
        };
    }

    private Progress progress(boolean last) {
        return new Progress(operation, subject, done, total, elapsed(), last);
    }

    private Progress report(boolean last) {
        Progress p = progress(last);
        try {
            listener.onProgress(p);
        } catch (RuntimeException e) {
            LOG.warn("The progress listener failed on {}; carrying on: {}", p, e.toString());
        }
        return p;
    }
}
