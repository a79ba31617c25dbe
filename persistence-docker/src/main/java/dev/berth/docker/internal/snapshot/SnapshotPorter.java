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
 * The portable file of a snapshot ({@link SnapshotExport} writes it), and its import: a tar holding {@value #MANIFEST},
 * {@value #CHECKSUMS} and {@value #ARCHIVE}, in that order, under {@value #DIR}. An import checks every entry while it
 * streams into the store, then verifies every checksum before it is kept.
 */
final class SnapshotPorter {
    static final String DIR = "berth-snapshot/";
    static final String MANIFEST = DIR + "manifest.properties";
    static final String CHECKSUMS = DIR + "checksums.txt";
    static final String ARCHIVE = DIR + "archive.tar";

    private SnapshotPorter() {
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
