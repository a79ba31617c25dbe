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
 * Exports a snapshot to one portable file that {@link SnapshotPorter#importFrom} reads back: a tar holding
 * {@value SnapshotPorter#MANIFEST}, {@value SnapshotPorter#CHECKSUMS} and {@value SnapshotPorter#ARCHIVE}, in that
 * order. It is written beside its target and renamed into place when complete.
 */
final class SnapshotExport {
    private SnapshotExport() {
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
                put(tar, SnapshotPorter.MANIFEST, m, manifest.size(), new ByteArrayInputStream(manifest.toByteArray()));
                put(tar, SnapshotPorter.CHECKSUMS, m, parts.size(ArchiveStore.Part.CHECKSUMS), parts.open(ArchiveStore.Part.CHECKSUMS));
                put(tar, SnapshotPorter.ARCHIVE, m, parts.size(ArchiveStore.Part.ARCHIVE),
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
}
