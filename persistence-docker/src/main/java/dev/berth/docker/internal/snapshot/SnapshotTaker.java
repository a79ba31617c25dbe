package dev.berth.docker.internal.snapshot;

import dev.berth.BerthException;
import dev.berth.Consistency;
import dev.berth.NotFoundException;
import dev.berth.PersistentVolume;
import dev.berth.Progress;
import dev.berth.Snapshot;
import dev.berth.docker.internal.archive.ArchiveReader;
import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.archive.ProgressMeter;
import dev.berth.docker.internal.archive.TeeInput;
import dev.berth.docker.internal.common.Sha256;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.volume.ArchiveHelper;
import dev.berth.docker.internal.volume.VolumeStore;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a snapshot: a read-only helper on the volume, the writers held still ({@link WriterFreeze}), the engine's tar
 * stored as it streams while every entry is checked and every file hashed into the checksum list, then the manifest
 * committed. Nothing is kept if anything fails.
 */
public final class SnapshotTaker {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTaker.class);
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private record Captured(long bytes, long archiveBytes, long entries, String checksum) {
    }

    private SnapshotTaker() {
    }

    public static Snapshot take(EngineContext ctx, PersistentVolume volume, String name, @Nullable Consistency requested) {
        if (name.isBlank() || name.chars().anyMatch(Character::isISOControl) || name.length() > 200) {
            throw new IllegalArgumentException("'" + name + "' is not a snapshot name: use 1 to 200 characters, "
                    + "no control characters");
        }
        if (VolumeStore.of(ctx).find(volume.name()).isEmpty()) {
            throw new NotFoundException("volume", volume.name());
        }
        ArchiveStore store = SnapshotStores.of(ctx.settings());
        Instant createdAt = Instant.now();
        String id = ID_TIME.format(createdAt) + "-" + UUID.randomUUID().toString().substring(0, 8);
        ProgressMeter meter = new ProgressMeter(ctx.settings().progressListener(), Progress.Operation.SNAPSHOT,
                "'" + name + "' of volume " + volume.name(), -1);
        try (ArchiveHelper helper = ArchiveHelper.reading(ctx, volume.name());
                ArchiveStore.Draft draft = store.create(id)) {
            Captured captured;
            WriterFreeze freeze = WriterFreeze.apply(ctx, volume.name(), requested);
            try (freeze) {
                captured = capture(helper, draft, meter);
            }
            SnapshotManifest manifest = new SnapshotManifest(id, name, volume.spec(), createdAt, freeze.achieved(),
                    freeze.downtime(), captured.bytes(), captured.archiveBytes(), captured.entries(),
                    captured.checksum());
            draft.commit(manifest.toMap());
            Progress last = meter.finish();
            LOG.info("Snapshot {} ('{}') of volume {}: {} entries, {} MiB in {} ms ({} MiB/s), {}, writers held {} ms",
                    id, name, volume.name(), captured.entries(), captured.bytes() >> 20, last.elapsed().toMillis(),
                    Math.round(last.mibPerSecond()), freeze.achieved(), freeze.downtime().toMillis());
            return new DockerSnapshot(ctx, store, manifest);
        } catch (IOException e) {
            throw new BerthException("Snapshot '" + name + "' of volume '" + volume.name() + "' failed: "
                    + e.getMessage() + ". Nothing was kept in " + store.location() + " and the volume is as it was: "
                    + "try again.", e);
        }
    }

    /** The engine's tar goes to the store as this thread reads it, checks every entry and hashes every file. */
    private static Captured capture(ArchiveHelper helper, ArchiveStore.Draft draft, ProgressMeter meter)
            throws IOException {
        MessageDigest listSha = Sha256.digest();
        OutputStream archive = draft.open(ArchiveStore.Part.ARCHIVE);
        // The parts are closed, and forced to disk, by the commit: after the writers are resumed.
        Writer lines = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(
                draft.open(ArchiveStore.Part.CHECKSUMS), listSha), StandardCharsets.UTF_8), 1 << 16);
        long bytes = 0;
        long entries = 0;
        long archiveBytes;
        try (InputStream download = meter.counting(helper.download())) {
            TeeInput stored = new TeeInput(new BufferedInputStream(download, 1 << 17), archive);
            ArchiveReader reader = new ArchiveReader(stored);
            for (ArchiveRecord r = reader.next(true, ArchiveReader.Visitor.NONE); r != null;
                    r = reader.next(true, ArchiveReader.Visitor.NONE)) {
                lines.write(r.line());
                lines.write('\n');
                bytes += r.size();
                entries++;
            }
            stored.drain(); // the tar's trailing blocks
            archiveBytes = stored.count();
        }
        lines.flush();
        return new Captured(bytes, archiveBytes, entries,
                "sha256:" + Sha256.hex(listSha.digest()));
    }
}
