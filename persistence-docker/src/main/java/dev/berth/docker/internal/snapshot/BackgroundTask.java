package dev.berth.docker.internal.snapshot;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Work that runs beside a stream on a daemon thread (hashing, writing, forcing to disk), so that the CPU work and the
 * engine's own overlap; {@link #join(Future)} hands its failure back to the caller as it was thrown.
 */
final class BackgroundTask {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "berth-stream");
        t.setDaemon(true);
        return t;
    });

    /** A task that may fail with an {@link IOException}. */
    interface Task<T> {
        T run() throws IOException;
    }

    private BackgroundTask() {
    }

    static <T> Future<T> start(Task<T> task) {
        return THREADS.submit(task::run);
    }

    /** Waits for the task; rethrows its {@link IOException} or unchecked exception as is. */
    static <T> T join(Future<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a stream");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    /** Waits for a task whose outcome no longer matters, because the caller already failed. */
    static void settle(Future<?> task) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException ignored) {
            // the caller's own failure is what is reported
        }
    }
}
