package dev.berth.docker.internal.repository;

import dev.berth.spi.SnapshotStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock in the store, so that garbage collection never deletes what a snapshot being written needs: a snapshot
 * writer holds a WRITE lock, a collection a GC lock, and neither goes on while the other kind is held. A lock is an
 * object {@code locks/<kind>.<epoch millis>.<id>}; each writes its own, then lists the others, so of two that start at
 * once at least one sees the other. A holder re-writes its lock every {@link #REFRESH}; one not refreshed for
 * {@link #STALE} is a dead holder's and counts for nothing.
 */
final class RepositoryLock implements AutoCloseable {
    enum Kind { WRITE, GC }

    static final Duration REFRESH = Duration.ofMinutes(5);
    static final Duration STALE = Duration.ofMinutes(30);
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryLock.class);

    private final SnapshotStore store;
    private final Kind kind;
    private final String id = UUID.randomUUID().toString();
    private final ScheduledExecutorService refresher;
    private volatile String key;

    private RepositoryLock(SnapshotStore store, Kind kind) throws IOException {
        this.store = store;
        this.kind = kind;
        this.key = write();
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "berth-repository-lock");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleAtFixedRate(this::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes a lock of this kind once no lock of the other kind is live, waiting up to {@code patience}; else empty. */
    static java.util.Optional<RepositoryLock> take(SnapshotStore store, Kind kind, Duration patience)
            throws IOException {
        Instant giveUp = Instant.now().plus(patience);
        Kind other = kind == Kind.WRITE ? Kind.GC : Kind.WRITE;
        while (true) {
            RepositoryLock lock = new RepositoryLock(store, kind);
            List<String> blocking = live(store, other);
            if (kind == Kind.GC) {
                blocking = new java.util.ArrayList<>(blocking);
                blocking.addAll(live(store, Kind.GC).stream().filter(k -> !k.equals(lock.key)).toList());
            }
            if (blocking.isEmpty()) {
                return java.util.Optional.of(lock);
            }
            lock.close();
            if (Instant.now().isAfter(giveUp)) {
                return java.util.Optional.empty();
            }
            sleep(200 + (long) (Math.random() * 800));
        }
    }

    /** The keys of the live locks of that kind. */
    static List<String> live(SnapshotStore store, Kind kind) throws IOException {
        long freshSince = System.currentTimeMillis() - STALE.toMillis();
        return store.list(Keys.LOCKS + kind.name().toLowerCase() + ".").stream()
                .filter(k -> millisOf(k) > freshSince).toList();
    }

    /** Removes locks that dead holders left. */
    static void removeStale(SnapshotStore store) throws IOException {
        long freshSince = System.currentTimeMillis() - STALE.toMillis();
        for (String k : store.list(Keys.LOCKS)) {
            if (millisOf(k) <= freshSince) {
                store.delete(k);
            }
        }
    }

    private static long millisOf(String key) {
        String[] parts = key.substring(Keys.LOCKS.length()).split("\\.");
        try {
            return parts.length == 3 ? Long.parseLong(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String write() throws IOException {
        String k = Keys.LOCKS + kind.name().toLowerCase() + "." + System.currentTimeMillis() + "." + id;
        byte[] holder = (ProcessHandle.current().pid() + "@" + hostName()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        store.put(k, new java.io.ByteArrayInputStream(holder), holder.length);
        return k;
    }

    private void refresh() {
        try {
            String old = key;
            key = write();
            store.delete(old);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not refresh the repository lock in {}: {}", store.location(), e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        refresher.shutdownNow();
        store.delete(key);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the repository lock");
        }
    }
}
