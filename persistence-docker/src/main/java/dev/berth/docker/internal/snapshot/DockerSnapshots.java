package dev.berth.docker.internal.snapshot;

import dev.berth.BerthException;
import dev.berth.Retention;
import dev.berth.Snapshot;
import dev.berth.Snapshots;
import dev.berth.docker.internal.node.EngineContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The snapshots in a connection's store. Thread-safe; every query reads the store. */
public final class DockerSnapshots implements Snapshots {
    private static final Logger LOG = LoggerFactory.getLogger(DockerSnapshots.class);
    private static final Comparator<Snapshot> NEWEST_FIRST =
            Comparator.comparing(Snapshot::createdAt).thenComparing(Snapshot::id).reversed();

    private final EngineContext ctx;
    private final ArchiveStore store;

    public DockerSnapshots(EngineContext ctx) {
        this.ctx = ctx;
        this.store = SnapshotStores.of(ctx.settings());
    }

    @Override
    public List<Snapshot> list() {
        List<ArchiveStore.Stored> stored;
        try {
            stored = store.list();
        } catch (IOException e) {
            throw new BerthException("Could not list the snapshots in " + store.location() + ": " + e.getMessage()
                    + ". Check that the store is reachable.", e);
        }
        List<Snapshot> snapshots = new ArrayList<>();
        for (ArchiveStore.Stored s : stored) {
            try {
                snapshots.add(new DockerSnapshot(ctx, store, SnapshotManifest.fromMap(s.manifest())));
            } catch (BerthException e) {
                LOG.warn("Skipping snapshot {} in {}: {}", s.id(), store.location(), e.getMessage());
            }
        }
        snapshots.sort(NEWEST_FIRST);
        return snapshots;
    }

    @Override
    public List<Snapshot> forVolume(String volumeName) {
        return list().stream().filter(s -> s.volume().equals(volumeName)).toList();
    }

    @Override
    public List<Snapshot> withLabel(String key, String value) {
        return list().stream().filter(s -> value.equals(s.labels().get(key))).toList();
    }

    @Override
    public Optional<Snapshot> find(String id) {
        try {
            return store.find(id).map(s -> new DockerSnapshot(ctx, store, SnapshotManifest.fromMap(s.manifest())));
        } catch (IOException e) {
            throw new BerthException("Could not read snapshot '" + id + "' in " + store.location() + ": "
                    + e.getMessage() + ". Check that the store is reachable.", e);
        }
    }

    @Override
    public Snapshot importFrom(Path file) {
        return SnapshotPorter.importFrom(ctx, store, file);
    }

    /** How far ahead of this machine's clock another machine's may be before its snapshots count as future. */
    private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    @Override
    public List<Snapshot> retain(String volumeName, Retention rule) {
        Instant now = Instant.now();
        // A snapshot dated after now (an import from a machine whose clock is ahead, or a tampered manifest) would
        // take the place of the newest real ones: it is kept, and counts for nothing.
        List<Snapshot> future = forVolume(volumeName).stream()
                .filter(s -> s.createdAt().isAfter(now.plus(CLOCK_SKEW))).toList();
        if (!future.isEmpty()) {
            LOG.warn("Snapshots {} of volume {} are dated in the future; retain() keeps them and ranks only the others."
                    + " Delete them yourself if they are not wanted.", future.stream().map(Snapshot::id).toList(),
                    volumeName);
        }
        List<Snapshot> snapshots = forVolume(volumeName).stream().filter(s -> !future.contains(s)).toList();
        List<Snapshot> deleted = new ArrayList<>();
        for (int rank = 0; rank < snapshots.size(); rank++) {
            Snapshot s = snapshots.get(rank);
            if (!rule.keeps(rank, s.createdAt(), now)) {
                s.delete();
                deleted.add(s);
            }
        }
        if (!deleted.isEmpty()) {
            LOG.info("Deleted {} snapshots of volume {} by {}: {}", deleted.size(), volumeName, rule,
                    deleted.stream().map(Snapshot::id).toList());
        }
        return deleted;
    }

    @Override
    public String toString() {
        return "Snapshots[" + store.location() + "]";
    }
}
