package dev.berth.docker.internal.snapshot;

import dev.berth.BerthException;
import dev.berth.PersistentVolume;
import dev.berth.Progress;
import dev.berth.VolumeConflictException;
import dev.berth.VolumeInUseException;
import dev.berth.VolumeMount;
import dev.berth.VolumeSpec;
import dev.berth.docker.internal.archive.ArchiveReader;
import dev.berth.docker.internal.archive.ArchiveWriter;
import dev.berth.docker.internal.archive.ProgressMeter;
import dev.berth.docker.internal.guard.WriterLock;
import dev.berth.docker.internal.guard.Writers;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.node.Specs;
import dev.berth.docker.internal.volume.ArchiveHelper;
import dev.berth.docker.internal.volume.HostVolume;
import dev.berth.docker.internal.volume.HostWriter;
import dev.berth.docker.internal.volume.VolumeStore;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a stored snapshot. Into a new volume, in one pass: the volume is created, then checked entries stream into
 * it, straight into its directory when it is on this machine ({@link HostVolume}), else through a helper container; an unsafe entry is never sent, and on any
 * failure (an unsafe entry, a checksum that does not match, the engine's refusal) the new volume is deleted again. In
 * place: the whole snapshot is verified first, then the volume is emptied and written, refused while a writer runs.
 */
final class SnapshotRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRestorer.class);

    private SnapshotRestorer() {
    }

    static PersistentVolume restore(EngineContext ctx, SnapshotData data, SnapshotManifest m, String newName) {
        VolumeSpec source = m.source();
        // Nothing authenticates a manifest (a snapshot key will), so its driver and driver options are never taken:
        // "type=none, o=bind, device=/etc" would make the new volume a bind of a host directory, written as root.
        if (!source.driver().equals("local") || !source.options().isEmpty()) {
            LOG.warn("Snapshot {} of volume {} names driver '{}' with options {}: the restore makes a plain local "
                    + "volume, since the manifest cannot be authenticated. To restore onto that driver, create the "
                    + "volume yourself, then restore into it in place.", m.id(), source.name(), source.driver(),
                    source.options().keySet());
        }
        VolumeSpec spec = Specs.volume(newName, "local", java.util.Map.of(), source.labels(), source.accessMode(),
                source.reclaimPolicy());
        if (VolumeStore.of(ctx).find(newName).isPresent()) {
            throw new VolumeConflictException(newName, "an existing volume", "a restore of snapshot '" + m.id()
                    + "' (a snapshot is restored into a new volume only: choose another name, or restoreInPlace())");
        }
        long started = System.nanoTime();
        PersistentVolume target = VolumeStore.of(ctx).create(spec);
        boolean restored = false;
        try {
            Optional<HostVolume> host = HostVolume.of(ctx, newName).filter(HostVolume::writable);
            if (host.isPresent()) {
                writeOnHost(ctx, host.get(), newName, data, m);
            } else {
                try (ArchiveHelper helper = ArchiveHelper.writing(ctx, newName, false)) {
                    write(ctx, helper, data, m);
                }
            }
            restored = true;
        } finally {
            if (!restored) {
                discard(target);
            }
        }
        long done = System.nanoTime();
        LOG.info("Restored snapshot {} ('{}') of volume {} into new volume {} in {} ms ({} MiB/s)", m.id(), m.name(),
                source.name(), newName, (done - started) / 1_000_000,
                Math.round(m.sizeBytes() / 1048576.0 / ((done - started) / 1e9)));
        return target;
    }

    static PersistentVolume inPlace(EngineContext ctx, SnapshotData data, SnapshotManifest m) {
        String name = m.source().name();
        Optional<PersistentVolume> existing = VolumeStore.of(ctx).find(name);
        if (existing.isEmpty()) {
            return restore(ctx, data, m, name);
        }
        check(data, m, new ProgressMeter(ctx.settings().progressListener(), Progress.Operation.VERIFY,
                describe(m), m.archiveBytes()));
        try (ArchiveHelper helper = ArchiveHelper.writing(ctx, name, true)) {
            List<String> writers = Writers.of(ctx.engine(), name).stream().map(VolumeStore::nameOf).toList();
            if (!writers.isEmpty()) {
                throw new VolumeInUseException(name, writers, "Snapshot '" + m.id() + "' was not restored into volume '"
                        + name + "': containers " + writers + " run with it mounted read-write. Stop them first "
                        + "(their data stays on the volume), then restore in place again.");
            }
            // While it writes, the restore holds the volume's writer lock: no container starts writing beside it.
            List<VolumeMount> target = List.of(new VolumeMount(existing.get(), ArchiveHelper.MOUNT, false));
            WriterLock.acquire(ctx, helper.name(), target);
            try {
                helper.wipe();
                write(ctx, helper, data, m);
            } catch (RuntimeException e) {
                throw new BerthException("Restoring snapshot '" + m.id() + "' into volume '" + name + "' failed half-way: "
                        + e.getMessage() + ". The volume holds part of the snapshot's data: restore in place again.", e);
            } finally {
                WriterLock.release(ctx, helper.name(), target);
            }
        }
        LOG.info("Restored snapshot {} ('{}') into volume {} in place", m.id(), m.name(), name);
        return existing.get();
    }

    /** Reads the whole snapshot, re-hashing every file. */
    static void check(SnapshotData data, SnapshotManifest m, ProgressMeter meter) {
        try {
            data.replay(m, ArchiveReader.Visitor.NONE, meter);
            meter.finish();
        } catch (IOException e) {
            throw DockerSnapshot.storeFailure(data.location(), m, "read", e);
        }
    }

    private static void write(EngineContext ctx, ArchiveHelper helper, SnapshotData data, SnapshotManifest m) {
        ProgressMeter meter = new ProgressMeter(ctx.settings().progressListener(), Progress.Operation.RESTORE,
                describe(m), m.archiveBytes());
        // On this thread, straight into the request body: the engine extracts what the socket already holds while
        // this thread reads and hashes the next entries; a second thread with a pipe in between only adds copies.
        helper.upload(body -> {
            ArchiveWriter writer = new ArchiveWriter(body);
            data.replay(m, writer, meter);
            writer.finish();
        });
        meter.finish();
    }

    /**
     * Writes the new volume straight into its directory on this machine ({@link HostWriter}), with no helper and no
     * archive through the engine: the volume is Berth's own, made a moment ago, and no container has it.
     */
    private static void writeOnHost(EngineContext ctx, HostVolume host, String volume, SnapshotData data,
            SnapshotManifest m) {
        ProgressMeter meter = new ProgressMeter(ctx.settings().progressListener(), Progress.Operation.RESTORE,
                describe(m), m.archiveBytes());
        try (host; HostWriter writer = HostWriter.into(host); WriteBehind behind = new WriteBehind(writer,
                writer::finish)) {
            data.replay(m, behind, meter); // chunks are read and checked here while the last ones are written there
            behind.finish();
        } catch (IOException e) {
            throw new BerthException("Restoring snapshot '" + m.id() + "' into new volume '" + volume + "' (in "
                    + host.root() + ") failed: " + e.getMessage() + ". The new volume is deleted again; check that "
                    + "the store is reachable and this machine's disk has room, then try again.", e);
        }
        meter.finish();
    }

    private static String describe(SnapshotManifest m) {
        return "'" + m.name() + "' (" + m.id() + ")";
    }

    private static void discard(PersistentVolume target) {
        try {
            target.delete();
        } catch (RuntimeException e) {
            LOG.error("The failed restore left volume {} behind and it could not be deleted ({}): delete it yourself",
                    target.name(), e.getMessage());
        }
    }
}
