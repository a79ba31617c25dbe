package dev.berth.docker.internal.snapshot;

import dev.berth.BerthException;
import dev.berth.Progress;
import dev.berth.ProgressListener;
import dev.berth.Snapshot;
import dev.berth.SnapshotCorruptedException;
import dev.berth.UnsafeArchiveException;
import dev.berth.docker.internal.archive.ArchiveReader;
import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.archive.ArchiveWriter;
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

    /** The parts of an export, each streamed once with its size known first. */
    private interface Parts {
        long size(ArchiveStore.Part part) throws IOException;

        InputStream open(ArchiveStore.Part part) throws IOException;
    }

    static void export(ArchiveStore store, SnapshotManifest m, Path file, ProgressListener listener) {
        write(m, file, listener, store.location(), new Parts() {
            @Override
            public long size(ArchiveStore.Part part) throws IOException {
                return store.size(m.id(), part);
            }

            @Override
            public InputStream open(ArchiveStore.Part part) throws IOException {
                return store.open(m.id(), part);
            }
        });
    }

    /** A repository snapshot is replayed, checked, into temporary parts first, then written as a format-1 export. */
    static void exportReplayed(SnapshotData data, SnapshotManifest m, Path file, ProgressListener listener) {
        Path dir;
        try {
            dir = Files.createTempDirectory("berth-export-");
        } catch (IOException e) {
            throw new BerthException("Could not make a temporary directory for the export: " + e.getMessage(), e);
        }
        try {
            Path archive = dir.resolve("archive.tar");
            Path checksums = dir.resolve("checksums.txt");
            try (OutputStream a = new java.io.BufferedOutputStream(Files.newOutputStream(archive), 1 << 16);
                    java.io.Writer c = Files.newBufferedWriter(checksums, StandardCharsets.UTF_8)) {
                ArchiveWriter writer = new ArchiveWriter(a);
                data.replay(m, new ArchiveReader.Visitor() {
                    @Override
                    public void entry(ArchiveRecord r) throws IOException {
                        c.write(r.line());
                        c.write('\n');
                        writer.entry(r);
                    }

                    @Override
                    public void content(byte[] buffer, int offset, int length) throws IOException {
                        writer.content(buffer, offset, length);
                    }
                }, new ProgressMeter(ProgressListener.none(), Progress.Operation.EXPORT, m.id(), -1));
                writer.finish();
            }
            write(m, file, listener, data.location(), new Parts() {
                @Override
                public long size(ArchiveStore.Part part) throws IOException {
                    return Files.size(part == ArchiveStore.Part.ARCHIVE ? archive : checksums);
                }

                @Override
                public InputStream open(ArchiveStore.Part part) throws IOException {
                    return Files.newInputStream(part == ArchiveStore.Part.ARCHIVE ? archive : checksums);
                }
            });
        } catch (IOException e) {
            throw DockerSnapshot.storeFailure(data.location(), m, "export to '" + file + "'", e);
        } finally {
            try {
                org.apache.commons.io.file.PathUtils.deleteDirectory(dir);
            } catch (IOException ignored) {
                // a leftover temporary directory is harmless
            }
        }
    }

    private static void write(SnapshotManifest m, Path file, ProgressListener listener, String location, Parts parts) {
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
                put(tar, CHECKSUMS, m, parts.size(ArchiveStore.Part.CHECKSUMS), parts.open(ArchiveStore.Part.CHECKSUMS));
                put(tar, ARCHIVE, m, parts.size(ArchiveStore.Part.ARCHIVE),
                        meter.counting(parts.open(ArchiveStore.Part.ARCHIVE)));
                tar.finish();
            }
            Files.move(part, file);
            meter.finish();
        } catch (IOException e) {
            throw DockerSnapshot.storeFailure(location, m, "export to '" + file + "'", e);
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

    /** Imports into {@code store}, unless {@code existing} finds a snapshot of the file's id (it is then checked). */
    static Snapshot importFrom(EngineContext ctx, ArchiveStore store, Path file,
            java.util.function.Function<String, Optional<Snapshot>> existing) {
        SnapshotManifest m;
        ProgressMeter meter;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 20), StandardCharsets.UTF_8.name())) {
            next(tar, file, MANIFEST);
            m = SnapshotManifest.fromMap(PropertiesText.read(new ByteArrayInputStream(tar.readNBytes(1 << 20))));
            Optional<Snapshot> there = existing.apply(m.id());
            if (there.isPresent()) {
                // The store has it: the file is still read and checked whole, so that a damaged copy is refused.
                verifyWhole(ctx, file);
                return existing(store, m, there.get());
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
        DockerSnapshot imported = new DockerSnapshot(ctx, new SnapshotData.Archive(store), m);
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
            ArchiveStore checking = new StoredArchives(new LocalSnapshotStore(scratch));
            importFrom(ctx, checking, file, id -> Optional.empty());
        } finally {
            org.apache.commons.io.file.PathUtils.deleteDirectory(scratch);
        }
    }

    private static Snapshot existing(ArchiveStore store, SnapshotManifest imported, Snapshot there) {
        if (!there.checksum().equals(imported.checksum())) {
            throw new BerthException("The store " + store.location() + " already holds a different snapshot with id '"
                    + imported.id() + "': delete that one first if this one should replace it.");
        }
        return there;
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
