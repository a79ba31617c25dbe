package dev.berth.docker.internal.snapshot;

import dev.berth.BerthException;
import dev.berth.Consistency;
import dev.berth.NotFoundException;
import dev.berth.PersistentVolume;
import dev.berth.Progress;
import dev.berth.Snapshot;
import dev.berth.docker.internal.archive.ProgressMeter;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.repository.Repository;
import dev.berth.docker.internal.repository.SnapshotWriter;
import dev.berth.docker.internal.repository.StoredSnapshot;
import dev.berth.docker.internal.volume.ArchiveHelper;
import dev.berth.docker.internal.volume.HostVolume;
import dev.berth.docker.internal.volume.VolumeListing;
import dev.berth.docker.internal.volume.VolumeStore;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a snapshot into the repository: a read-only helper on the volume, the writers held still
 * ({@link WriterFreeze}) while the volume is listed next to its data and read ({@link RepositoryCapture}: files
 * unchanged since the newest snapshot of the same volume are not read again), then the packs, index and manifest
 * committed. Nothing is kept if anything fails.
 */
public final class SnapshotTaker {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTaker.class);
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SnapshotTaker() {
    }

    private static void thaw(WriterFreeze freeze, List<RuntimeException> failed) {
        try {
            freeze.close();
        } catch (RuntimeException e) {
            failed.add(e);
        }
    }

    public static Snapshot take(EngineContext ctx, PersistentVolume volume, String name, @Nullable Consistency requested) {
        if (name.isBlank() || name.chars().anyMatch(Character::isISOControl) || name.length() > 200) {
            throw new IllegalArgumentException("'" + name + "' is not a snapshot name: use 1 to 200 characters, "
                    + "no control characters");
        }
        if (VolumeStore.of(ctx).find(volume.name()).isEmpty()) {
            throw new NotFoundException("volume", volume.name());
        }
        Repository repository = SnapshotStores.repository(ctx.settings());
        Instant createdAt = Instant.now();
        String id = ID_TIME.format(createdAt) + "-" + UUID.randomUUID().toString().substring(0, 8);
        ProgressMeter meter = new ProgressMeter(ctx.settings().progressListener(), Progress.Operation.SNAPSHOT,
                "'" + name + "' of volume " + volume.name(), -1);
        try {
            ParentSnapshot parent = ParentSnapshot.newest(repository, volume.name());
            try (SnapshotWriter writer = repository.write()) {
                Capture capture = onHost(ctx, volume.name(), requested, writer, parent, meter).orElse(null);
                if (capture == null) {
                    capture = throughEngine(ctx, volume.name(), requested, writer, parent, meter);
                }
                RepositoryCapture.Captured captured = capture.captured();
                WriterFreeze freeze = capture.freeze();
                SnapshotManifest manifest = new SnapshotManifest(id, name, volume.spec(), createdAt, freeze.achieved(),
                        freeze.downtime(), writer.sizeBytes(), writer.sizeBytes() + 1024 * writer.entries(),
                        writer.entries(), writer.checksum());
                StoredSnapshot stored = writer.commit(id, manifest.toMap(), parent.id(), capture.listedAt());
                Progress last = meter.finish();
                LOG.info("Snapshot {} ('{}') of volume {}: {} entries, {} MiB, {} files read ({} MiB, {}), {} MiB "
                                + "stored, in {} ms, {}, writers held {} ms", id, name, volume.name(), captured.entries(),
                        captured.sizeBytes() >> 20, captured.filesRead(), captured.bytesRead() >> 20, captured.how(),
                        stored.storedBytes() >> 20, last.elapsed().toMillis(), freeze.achieved(),
                        freeze.downtime().toMillis());
                return new DockerSnapshot(ctx, new RepositoryData(repository, stored), manifest);
            }
        } catch (IOException e) {
            throw new BerthException("Snapshot '" + name + "' of volume '" + volume.name() + "' failed: "
                    + e.getMessage() + ". Nothing was kept in " + repository.location() + " and the volume is as it "
                    + "was: try again.", e);
        }
    }

    /** What a capture read, how the writers were held, and when the volume was listed (0 when it was not). */
    private record Capture(RepositoryCapture.Captured captured, WriterFreeze freeze, long listedAt) {
    }

    /** Reads the volume from its directory on this machine, when that may be done ({@link HostVolume}). */
    private static Optional<Capture> onHost(EngineContext ctx, String volume, @Nullable Consistency requested,
            SnapshotWriter writer, ParentSnapshot parent, ProgressMeter meter) throws IOException {
        Optional<HostVolume> found = HostVolume.of(ctx, volume);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WriterFreeze freeze = WriterFreeze.apply(ctx, volume, requested);
        try (freeze; HostVolume host = found.get()) {
            Optional<VolumeListing.Listing> listing = host.list();
            if (listing.isEmpty()) {
                return Optional.empty();
            }
            RepositoryCapture capture = new RepositoryCapture(ctx, null, writer, parent.entries(), parent.listedAt(),
                    listing, meter);
            return Optional.of(new Capture(capture.fromHost(host), freeze, listing.get().listedAt()));
        }
    }

    /** Reads the volume through a read-only helper on it: one by one when few files changed, else as one archive. */
    private static Capture throughEngine(EngineContext ctx, String volume, @Nullable Consistency requested,
            SnapshotWriter writer, ParentSnapshot parent, ProgressMeter meter) throws IOException {
        try (ArchiveHelper helper = ArchiveHelper.readingAndRunning(ctx, volume)) {
            RepositoryCapture.Captured captured;
            Optional<VolumeListing.Listing> listing;
            WriterFreeze freeze = WriterFreeze.apply(ctx, volume, requested);
            List<RuntimeException> resumeFailed = new CopyOnWriteArrayList<>();
            try (freeze) {
                listing = VolumeListing.of(helper, volume);
                RepositoryCapture capture = new RepositoryCapture(ctx, helper, writer, parent.entries(),
                        parent.listedAt(), listing, meter);
                if (capture.readsOneByOne()) {
                    captured = capture.oneByOne();
                } else {
                    // the writers go on as soon as the engine has sent the archive, while it is still chunked
                    try (ReadAhead ahead = ReadAhead.start(helper::download, () -> thaw(freeze, resumeFailed))) {
                        captured = capture.whole(ahead.reader());
                    }
                }
            }
            if (!resumeFailed.isEmpty()) {
                throw resumeFailed.get(0);
            }
            return new Capture(captured, freeze, listing.map(VolumeListing.Listing::listedAt).orElse(0L));
        }
    }
}
