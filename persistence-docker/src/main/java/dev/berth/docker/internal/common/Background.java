package dev.berth.docker.internal.common;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Work handed to a thread of its own: a one-thread executor of daemon threads, and waiting for what it returns. */
public final class Background {
    private Background() {
    }

    /** An executor of one daemon thread named {@code name}, which does not keep the JVM alive. */
    public static ExecutorService thread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * What {@code work} returned; its failure as thrown there (an IOException or RuntimeException), or as an
     * IOException saying {@code what} failed.
     */
    public static <T> T await(Future<T> work, String what) throws IOException {
        try {
            return work.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + what);
        }
    }
}
