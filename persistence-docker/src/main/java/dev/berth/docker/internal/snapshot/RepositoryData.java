package dev.berth.docker.internal.snapshot;

import dev.berth.ProgressListener;
import dev.berth.SnapshotCorruptedException;
import dev.berth.docker.internal.archive.ArchiveGuard;
import dev.berth.docker.internal.archive.ArchiveReader;
import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.archive.ProgressMeter;
import dev.berth.docker.internal.common.Sha256;
import dev.berth.docker.internal.repository.Repository;
import dev.berth.docker.internal.repository.SnapshotReader;
import dev.berth.docker.internal.repository.StoredSnapshot;
import dev.berth.docker.internal.repository.TreeEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot in the repository: its tree's entries replayed in order, each checked by the archive guard as a tar
 * entry would be, every chunk checked against its SHA-256 and, when verified, every file against its own. Holds one
 * chunk at a time.
 */
record RepositoryData(Repository repository, StoredSnapshot stored) implements SnapshotData {
    private static final int LISTED = 1000;

    @Override
    public String location() {
        return repository.location();
    }

    @Override
    public void replay(SnapshotManifest m, ArchiveReader.Visitor visitor, ProgressMeter meter) throws IOException {
        boolean writing = visitor != ArchiveReader.Visitor.NONE;
        SnapshotReader reader = repository.reader(stored);
        ArchiveGuard guard = new ArchiveGuard();
        MessageDigest list = Sha256.digest();
        List<String> damaged = new ArrayList<>();
        String problem = "";
        TreeEntry e;
        try {
            e = reader.next();
        } catch (IOException unreadable) {
            throw new SnapshotCorruptedException(m.id(), List.of("(tree)"), unreadable.getMessage());
        }
        while (e != null) {
            ArchiveRecord r = guard.check(e.record());
            list.update((r.line() + "\n").getBytes(StandardCharsets.UTF_8));
            visitor.entry(r);
            if (r.kind() == ArchiveRecord.Kind.FILE) {
                String failure = content(reader, e, visitor, meter, !writing);
                if (!failure.isEmpty()) {
                    if (writing) {
                        throw new SnapshotCorruptedException(m.id(), List.of(r.path()), failure);
                    }
                    problem = problem.isEmpty() ? failure : problem;
                    if (damaged.size() < LISTED) {
                        damaged.add(r.path());
                    }
                }
            }
            try {
                e = reader.next();
            } catch (IOException unreadable) {
                throw new SnapshotCorruptedException(m.id(), List.of("(tree)"), unreadable.getMessage());
            }
        }
        if (!("sha256:" + Sha256.hex(list.digest())).equals(m.checksum())) {
            damaged.add("(checksum list)");
            problem = problem.isEmpty() ? "the tree does not match the manifest's checksum" : problem;
        }
        if (!damaged.isEmpty()) {
            throw new SnapshotCorruptedException(m.id(), damaged, problem);
        }
    }

    /**
     * Streams a file's chunks to the visitor; returns what is wrong with them, or empty. Each chunk is checked against
     * its hash as it is read. A restore does not hash the file again as a whole ({@code wholeFile} false): its chunks
     * come from a tree checked against its own hash, and a file of one chunk has that chunk's hash as its own. A
     * verification does, to catch a writer that listed the wrong chunks.
     */
    private static String content(SnapshotReader reader, TreeEntry e, ArchiveReader.Visitor visitor,
            ProgressMeter meter, boolean wholeFile) throws IOException {
        boolean oneChunk = e.chunks().size() == 1;
        if (oneChunk && !e.chunks().get(0).equals(e.record().sha256())) {
            return "its content does not match its SHA-256";
        }
        MessageDigest sha = wholeFile && !oneChunk ? Sha256.digest() : null;
        long size = 0;
        for (String chunk : e.chunks()) {
            byte[] bytes;
            try {
                bytes = reader.chunk(chunk);
            } catch (IOException damaged) {
                return damaged.getMessage();
            }
            if (size + bytes.length > e.record().size()) {
                return "its chunks hold more than its " + e.record().size() + " bytes";
            }
            if (sha != null) {
                sha.update(bytes);
            }
            visitor.content(bytes, 0, bytes.length);
            meter.add(bytes.length);
            size += bytes.length;
        }
        if (size != e.record().size()) {
            return "its chunks hold " + size + " of its " + e.record().size() + " bytes";
        }
        return sha == null || Sha256.hex(sha.digest()).equals(e.record().sha256()) ? ""
                : "its content does not match its SHA-256";
    }

    @Override
    public long storedBytes(SnapshotManifest m) {
        return stored.storedBytes();
    }

    @Override
    public boolean delete(SnapshotManifest m) throws IOException {
        return repository.delete(m.id());
    }

    @Override
    public void export(SnapshotManifest m, Path file, ProgressListener listener) {
        SnapshotExport.exportReplayed(this, m, file, listener);
    }
}
