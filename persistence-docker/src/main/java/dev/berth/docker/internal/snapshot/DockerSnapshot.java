package dev.berth.docker.internal.snapshot;

import dev.berth.BerthException;
import dev.berth.Consistency;
import dev.berth.PersistentVolume;
import dev.berth.Progress;
import dev.berth.Snapshot;
import dev.berth.docker.internal.archive.ProgressMeter;
import dev.berth.docker.internal.node.EngineContext;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A snapshot in a store, restored through one connection's engine. Immutable and thread-safe. */
final class DockerSnapshot implements Snapshot {
    private final EngineContext ctx;
    private final SnapshotData data;
    private final SnapshotManifest manifest;

    DockerSnapshot(EngineContext ctx, SnapshotData data, SnapshotManifest manifest) {
        this.ctx = ctx;
        this.data = data;
        this.manifest = manifest;
    }

    SnapshotManifest manifest() {
        return manifest;
    }

    @Override
    public String id() {
        return manifest.id();
    }

    @Override
    public String name() {
        return manifest.name();
    }

    @Override
    public String volume() {
        return manifest.source().name();
    }

    @Override
    public Instant createdAt() {
        return manifest.createdAt();
    }

    @Override
    public long sizeBytes() {
        return manifest.sizeBytes();
    }

    @Override
    public long storedBytes() {
        return data.storedBytes(manifest);
    }

    @Override
    public String checksum() {
        return manifest.checksum();
    }

    @Override
    public Consistency consistency() {
        return manifest.consistency();
    }

    @Override
    public Duration downtime() {
        return manifest.downtime();
    }

    @Override
    public Map<String, String> labels() {
        return manifest.source().labels();
    }

    @Override
    public PersistentVolume restore(String newVolumeName) {
        return SnapshotRestorer.restore(ctx, data, manifest, newVolumeName);
    }

    @Override
    public PersistentVolume restoreInPlace() {
        return SnapshotRestorer.inPlace(ctx, data, manifest);
    }

    @Override
    public void verify() {
        SnapshotRestorer.check(data, manifest, new ProgressMeter(ctx.settings().progressListener(),
                Progress.Operation.VERIFY, "'" + name() + "' (" + id() + ")", manifest.archiveBytes()));
    }

    @Override
    public void delete() {
        try {
            data.delete(manifest);
        } catch (IOException e) {
            throw storeFailure(data.location(), manifest, "delete", e);
        }
    }

    @Override
    public void exportTo(Path file) {
        data.export(manifest, file, ctx.settings().progressListener());
    }

    static BerthException storeFailure(String location, SnapshotManifest m, String action, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new BerthException("Snapshot '" + m.id() + "' is no longer in " + location
                    + ": it was deleted. List the snapshots there with berth.snapshots().list().", e);
        }
        return new BerthException("Could not " + action + " snapshot '" + m.id() + "' in " + location + ": "
                + e.getMessage() + ". Check that the store is reachable and has room, then try again.", e);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DockerSnapshot s && s.id().equals(id()) && s.data.location().equals(data.location());
    }

    @Override
    public int hashCode() {
        return id().hashCode();
    }

    @Override
    public String toString() {
        return "Snapshot[" + id() + ", name=" + name() + ", volume=" + volume() + ", " + createdAt() + ", "
                + consistency() + ", " + sizeBytes() + " bytes]";
    }
}
