package dev.berth.docker.internal.snapshot;

import dev.berth.docker.internal.repository.Repository;
import dev.berth.docker.internal.repository.RepositoryCheck;
import dev.berth.docker.internal.repository.StoredSnapshot;
import dev.berth.BerthException;
import dev.berth.CheckReport;
import dev.berth.SnapshotCorruptedException;
import dev.berth.Retention;
import dev.berth.Snapshot;
import dev.berth.Snapshots;
import dev.berth.docker.internal.node.EngineContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final Repository repository;

    public DockerSnapshots(EngineContext ctx) {
        this.ctx = ctx;
        this.store = SnapshotStores.of(ctx.settings());
        this.repository = SnapshotStores.repository(ctx.settings());
    }

    /** The repository's snapshots, then the format-1 ones; a manifest that does not read is logged and left out. */
    private List<Snapshot> all() throws IOException {
        List<Snapshot> snapshots = new ArrayList<>();
        for (StoredSnapshot s : repository.snapshots()) {
            of(s).ifPresent(snapshots::add);
        }
        for (ArchiveStore.Stored s : store.list()) {
            try {
                snapshots.add(new DockerSnapshot(ctx, new SnapshotData.Archive(store),
                        SnapshotManifest.fromMap(s.manifest())));
            } catch (BerthException e) {
                LOG.warn("Skipping snapshot {} in {}: {}", s.id(), store.location(), e.getMessage());
            }
        }
        return snapshots;
    }

    private Optional<Snapshot> of(StoredSnapshot s) {
        try {
            return Optional.of(new DockerSnapshot(ctx, new RepositoryData(repository, s),
                    SnapshotManifest.fromMap(s.properties())));
        } catch (BerthException e) {
            LOG.warn("Skipping snapshot {} in {}: {}", s.id(), repository.location(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public List<Snapshot> list() {
        List<Snapshot> snapshots;
        try {
            snapshots = all();
        } catch (IOException e) {
            throw new BerthException("Could not list the snapshots in " + store.location() + ": " + e.getMessage()
                    + ". Check that the store is reachable.", e);
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
            if (id.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")) {
                Optional<StoredSnapshot> stored = repository.snapshot(id);
                if (stored.isPresent()) {
                    return of(stored.get());
                }
            }
            return store.find(id).map(s -> new DockerSnapshot(ctx, new SnapshotData.Archive(store),
                    SnapshotManifest.fromMap(s.manifest())));
        } catch (IOException e) {
            throw new BerthException("Could not read snapshot '" + id + "' in " + store.location() + ": "
                    + e.getMessage() + ". Check that the store is reachable.", e);
        }
    }

    @Override
    public Snapshot importFrom(Path file) {
        return SnapshotPorter.importFrom(ctx, store, file, this::find);
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
            collectGarbage();
        }
        return deleted;
    }

    @Override
    public CheckReport check() {
        return check(true);
    }

    @Override
    public CheckReport checkIndex() {
        return check(false);
    }

    private CheckReport check(boolean readData) {
        RepositoryCheck.Report report;
        Map<String, List<String>> damaged = new LinkedHashMap<>();
        long read;
        try {
            report = repository.check(readData);
            damaged.putAll(report.damaged());
            read = report.bytesRead();
            if (readData) {
                for (ArchiveStore.Stored s : store.list()) {
                    try {
                        find(s.id()).ifPresent(Snapshot::verify);
                    } catch (SnapshotCorruptedException e) {
                        damaged.put(s.id(), e.damagedFiles());
                    } catch (BerthException e) {
                        damaged.put(s.id(), List.of("(manifest)"));
                    }
                    read += SnapshotManifest.fromMap(s.manifest()).archiveBytes();
                }
            }
        } catch (IOException e) {
            throw new BerthException("Could not check the snapshots in " + repository.location() + ": "
                    + e.getMessage() + ". Check that the store is reachable, then check again.", e);
        }
        CheckReport result = new CheckReport(damaged, report.problems(), read);
        if (result.isClean()) {
            LOG.info("Checked the snapshots in {}{}: no damage", repository.location(), readData ? ", every byte" : "");
        } else {
            LOG.warn("Checked the snapshots in {}: damaged {}, problems {}", repository.location(),
                    damaged.keySet(), report.problems());
        }
        return result;
    }

    /** Removes the repository's data that no snapshot references any more; a failure only leaves it for next time. */
    private void collectGarbage() {
        try {
            repository.collectGarbage();
        } catch (IOException e) {
            LOG.warn("The snapshots were deleted, but their data stays in {} until the next retain(): {}",
                    repository.location(), e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "Snapshots[" + store.location() + "]";
    }
}
