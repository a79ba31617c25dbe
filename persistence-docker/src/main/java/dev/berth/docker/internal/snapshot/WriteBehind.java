package dev.berth.docker.internal.snapshot;

import dev.berth.docker.internal.archive.ArchiveReader;
import dev.berth.docker.internal.archive.ArchiveRecord;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * Hands a replay's entries and content to a thread of their own that writes them, so that reading and checking the
 * next chunks overlaps writing the last ones to disk. At most {@value #LIMIT} bytes wait between the two threads (an
 * entry counts {@value #ENTRY} bytes), so memory stays flat; content is copied, since a replay may reuse its buffer.
 * The writing thread's first failure is thrown here, at the next call or at {@link #finish()}; after one, it writes
 * nothing more. Not thread-safe on the replaying side.
 */
final class WriteBehind implements ArchiveReader.Visitor, AutoCloseable {
    static final int LIMIT = 8 << 20;
    private static final int ENTRY = 1024;

    /** What the writing thread does once every entry is written. */
    interface Finish {
        void run() throws IOException;
    }

    private record Item(@Nullable ArchiveRecord entry, byte @Nullable [] content, boolean end, boolean finish) {
        int permits() {
            return end ? 0 : content == null ? ENTRY : Math.min(LIMIT, content.length);
        }
    }

    private final ArchiveReader.Visitor target;
    private final Finish finish;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(LIMIT);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile @Nullable Throwable failure;
    private boolean ended;

    WriteBehind(ArchiveReader.Visitor target, Finish finish) {
        this.target = target;
        this.finish = finish;
        Thread thread = new Thread(this::write, "berth-restore-write");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void entry(ArchiveRecord header) throws IOException {
        hand(new Item(header, null, false, false));
    }

    @Override
    public void content(byte[] buffer, int offset, int length) throws IOException {
        hand(new Item(null, Arrays.copyOfRange(buffer, offset, offset + length), false, false));
    }

    /** Waits until everything handed over is written and finished; throws what the writing thread failed with. */
    void finish() throws IOException {
        end(true);
        rethrow();
    }

    /** Stops the writing thread after what it has (without finishing, after a failure here) and waits for it. */
    @Override
    public void close() throws IOException {
        end(false);
    }

    private void hand(Item item) throws IOException {
        rethrow();
        try {
            room.acquire(item.permits());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the restore's writes caught up");
        }
        queue.add(item);
    }

    private void end(boolean finished) throws IOException {
        if (!ended) {
            ended = true;
            queue.add(new Item(null, null, true, finished));
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the restore's writes caught up");
        }
    }

    private void rethrow() throws IOException {
        Throwable f = failure;
        if (f instanceof IOException io) {
            throw io;
        } else if (f instanceof RuntimeException re) {
            throw re;
        } else if (f instanceof Error error) {
            throw error;
        } else if (f != null) {
            throw new IOException(f);
        }
    }

    private void write() {
        try {
            for (Item item = queue.take(); !item.end() || finishAndStop(item); item = queue.take()) {
                try {
                    if (failure == null && item.entry() != null) {
                        target.entry(item.entry());
                    } else if (failure == null && item.content() != null) {
                        target.content(item.content(), 0, item.content().length);
                    }
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    room.release(item.permits());
                }
            }
        } catch (Throwable t) {
            failure = failure == null ? t : failure;
        } finally {
            done.countDown();
        }
    }

    /** Runs the finish when asked and nothing failed; false, which ends the loop. */
    private boolean finishAndStop(Item end) throws IOException {
        if (end.finish() && failure == null) {
            finish.run();
        }
        return false;
    }
}
