package dev.berth.docker.internal.snapshot;

import dev.berth.BerthException;
import dev.berth.Progress;
import dev.berth.ProgressListener;
import dev.berth.Snapshot;
import dev.berth.SnapshotCorruptedException;
import dev.berth.UnsafeArchiveException;
import dev.berth.docker.internal.archive.ArchiveReader;
import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.archive.ProgressMeter;
import dev.berth.docker.internal.archive.TeeInput;
import dev.berth.docker.internal.common.Sha256;
import dev.berth.docker.internal.node.EngineContext;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Exports a snapshot to one portable file, and imports one: a tar holding {@value #MANIFEST}, {@value #CHECKSUMS} and
 * {@value #ARCHIVE}, in that order, under {@value #DIR}. An export is written beside its target and renamed into
 * place when complete; an import checks every entry while it streams into the store, then verifies every checksum
 * before it is kept.
 */
final class SnapshotPorter {
    static final String DIR = "berth-snapshot/";
    static final String MANIFEST = DIR + "manifest.properties";
    static final String CHECKSUMS = DIR + "checksums.txt";
    static final String ARCHIVE = DIR + "archive.tar";

    private SnapshotPorter() {
    }

    static void export(ArchiveStore store, SnapshotManifest m, Path file, ProgressListener listener) {
        if (Files.exists(file)) {
            throw new BerthException("'" + file + "' exists: an export never overwrites a file. Choose another path, "
                    + "or delete that file first.");
        }
        Path part = file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".part-" + UUID.randomUUID());
        ProgressMeter meter = new ProgressMeter(listener, Progress.Operation.EXPORT, "'" + m.name() + "' (" + m.id()
                + ") to " + file, m.archiveBytes());
        try {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new ForcedFile(part),
                    StandardCharsets.UTF_8.name())) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                ByteArrayOutputStream manifest = new ByteArrayOutputStream();
                PropertiesText.write(m.toMap(), manifest);
                put(tar, MANIFEST, m, manifest.size(), new ByteArrayInputStream(manifest.toByteArray()));
                put(tar, CHECKSUMS, m, store.size(m.id(), ArchiveStore.Part.CHECKSUMS),
                        store.open(m.id(), ArchiveStore.Part.CHECKSUMS));
                put(tar, ARCHIVE, m, store.size(m.id(), ArchiveStore.Part.ARCHIVE),
                        meter.counting(store.open(m.id(), ArchiveStore.Part.ARCHIVE)));
                tar.finish();
            }
            Files.move(part, file);
            meter.finish();
        } catch (IOException e) {
            throw DockerSnapshot.storeFailure(store, m, "export to '" + file + "'", e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // a leftover hidden part file is harmless
            }
        }
    }

    private static void put(TarArchiveOutputStream tar, String name, SnapshotManifest m, long size, InputStream in)
            throws IOException {
        try (in) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(size);
            entry.setMode(0644);
            entry.setModTime(m.createdAt().toEpochMilli());
            tar.putArchiveEntry(entry);
            in.transferTo(tar);
            tar.closeArchiveEntry();
        }
    }

    static Snapshot importFrom(EngineContext ctx, ArchiveStore store, Path file) {
        SnapshotManifest m;
        ProgressMeter meter;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 20), StandardCharsets.UTF_8.name())) {
            next(tar, file, MANIFEST);
            m = SnapshotManifest.fromMap(PropertiesText.read(new ByteArrayInputStream(tar.readNBytes(1 << 20))));
            Optional<ArchiveStore.Stored> there = store.find(m.id());
            if (there.isPresent()) {
                // The store has it: the file is still read and checked whole, so that a damaged copy is refused.
                verifyWhole(ctx, file);
                return existing(ctx, store, m, SnapshotManifest.fromMap(there.get().manifest()));
            }
            meter = new ProgressMeter(ctx.settings().progressListener(), Progress.Operation.IMPORT,
                    "'" + m.name() + "' (" + m.id() + ") from " + file, m.archiveBytes());
            try (ArchiveStore.Draft draft = store.create(m.id())) {
                copyChecksums(tar, file, m, draft);
                next(tar, file, ARCHIVE);
                OutputStream archive = draft.open(ArchiveStore.Part.ARCHIVE);
                TeeInput tee = new TeeInput(meter.counting(tar), archive);
                ArchiveReader entries = new ArchiveReader(tee);
                for (ArchiveRecord r = entries.next(false, ArchiveReader.Visitor.NONE); r != null;
                        r = entries.next(false, ArchiveReader.Visitor.NONE)) {
                    if ((r.mode() & 06000) != 0) { // every entry is checked before the snapshot is kept
                        throw new UnsafeArchiveException(r.path(), UnsafeArchiveException.Reason.PRIVILEGE_BITS,
                                "mode " + Integer.toOctalString(r.mode()) + " is setuid or setgid; an import never "
                                        + "brings those: clear them at the source (chmod u-s,g-s) and export again");
                    }
                }
                tee.drain();
                draft.commit(m.toMap());
            }
        } catch (IOException e) {
            throw new BerthException("Importing '" + file + "' failed: " + e.getMessage() + ". Nothing was imported.",
                    e);
        }
        DockerSnapshot imported = new DockerSnapshot(ctx, store, m);
        try {
            imported.verify();
        } catch (RuntimeException e) {
            imported.delete();
            throw e;
        }
        meter.finish();
        return imported;
    }

    private static void copyChecksums(TarArchiveInputStream tar, Path file, SnapshotManifest m,
            ArchiveStore.Draft draft) throws IOException {
        next(tar, file, CHECKSUMS);
        MessageDigest sha = Sha256.digest();
        OutputStream out = new DigestOutputStream(draft.open(ArchiveStore.Part.CHECKSUMS), sha);
        tar.transferTo(out);
        out.flush();
        if (!("sha256:" + Sha256.hex(sha.digest())).equals(m.checksum())) {
            throw new SnapshotCorruptedException(m.id(), List.of("(checksum list)"),
                    "the checksum list in '" + file + "' does not match its manifest");
        }
    }

    /** Imports the file into a scratch store, which checks every byte of it, then drops the scratch copy. */
    private static void verifyWhole(EngineContext ctx, Path file) throws IOException {
        Path scratch = Files.createTempDirectory("berth-import-check-");
        try {
            importFrom(ctx, new StoredArchives(new LocalSnapshotStore(scratch)), file);
        } finally {
            org.apache.commons.io.file.PathUtils.deleteDirectory(scratch);
        }
    }

    private static Snapshot existing(EngineContext ctx, ArchiveStore store, SnapshotManifest imported,
            SnapshotManifest there) {
        if (!there.checksum().equals(imported.checksum())) {
            throw new BerthException("The store " + store.location() + " already holds a different snapshot with id '"
                    + imported.id() + "': delete that one first if this one should replace it.");
        }
        return new DockerSnapshot(ctx, store, there);
    }

    private static void next(TarArchiveInputStream tar, Path file, String expected) throws IOException {
        TarArchiveEntry entry = tar.getNextEntry();
        if (entry == null || !entry.getName().equals(expected)) {
            throw new BerthException("'" + file + "' is not a Berth snapshot export: expected '" + expected
                    + "', found " + (entry == null ? "the end of the file" : "'" + entry.getName() + "'")
                    + ". Export snapshots with Snapshot.exportTo(Path).");
        }
    }
}
