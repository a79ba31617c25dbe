package dev.berth.docker.internal.volume;

import dev.berth.BerthException;
import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.archive.VolumeDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hashes, in a helper on the target, the files a copy has landed there while the copy goes on, by a thread of its own:
 * files sent whole are hashed in batches, each once the stream has gone {@link #LAG} bytes past it (the engine writes
 * what it receives in order, a little behind). A file hashed before the engine had written all of it does not match
 * what was sent, and is sent again once the container has stopped: a race costs downtime, never correctness.
 */
final class LandedHasher implements VolumeDigest.Progress, AutoCloseable {
    static final long LAG = 64L << 20;
    private static final long BATCH_BYTES = 64L << 20;
    private static final int BATCH_FILES = 2000;

    private record Batch(List<String> paths, long sealedAt) {
    }

    private final ArchiveHelper target;
    private final String what;
    private final ExecutorService hashing = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "berth-landed-hasher");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Batch> sealed = new ArrayDeque<>();
    private final List<Future<Map<String, String>>> submitted = new ArrayList<>();
    private List<String> open = new ArrayList<>();
    private long openBytes;

    LandedHasher(ArchiveHelper target, String what) {
        this.target = target;
        this.what = what;
    }

    @Override
    public void read(ArchiveRecord record, long offset) {
        if (record.kind() == ArchiveRecord.Kind.FILE) {
            open.add(record.path());
            openBytes += record.size();
            if (openBytes >= BATCH_BYTES || open.size() >= BATCH_FILES) {
                sealed.add(new Batch(open, offset));
                open = new ArrayList<>();
                openBytes = 0;
            }
        }
        while (!sealed.isEmpty() && sealed.peekFirst().sealedAt() + LAG <= offset) {
            submit(sealed.removeFirst().paths());
        }
    }

    /** Once the engine has written everything: hashes what is left, and returns every hash, by path. */
    Map<String, String> all() {
        sealed.forEach(b -> submit(b.paths()));
        sealed.clear();
        if (!open.isEmpty()) {
            submit(open);
            open = new ArrayList<>();
        }
        Map<String, String> sums = new HashMap<>();
        try {
            for (Future<Map<String, String>> batch : submitted) {
                sums.putAll(batch.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException(what + " was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new BerthException(what + " failed", e.getCause());
        }
        return sums;
    }

    private void submit(List<String> paths) {
        submitted.add(hashing.submit(() -> VolumeScripts.sums(target.execScript(VolumeScripts.hash(paths), what,
                VolumeScripts.NEEDS))));
    }

    @Override
    public void close() {
        hashing.shutdownNow();
    }
}
