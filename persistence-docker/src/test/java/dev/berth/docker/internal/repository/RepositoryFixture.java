package dev.berth.docker.internal.repository;

import dev.berth.docker.internal.archive.ArchiveRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Snapshots of in-memory files, written into and read back from a repository. */
final class RepositoryFixture {
    private RepositoryFixture() {
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static StoredSnapshot write(Repository repository, String id, Map<String, byte[]> files) throws IOException {
        try (SnapshotWriter writer = repository.write()) {
            return commit(writer, id, files);
        }
    }

    static StoredSnapshot commit(SnapshotWriter writer, String id, Map<String, byte[]> files) throws IOException {
        writer.entry(new TreeEntry(new ArchiveRecord(".", ArchiveRecord.Kind.DIRECTORY, 0755, 0, 0, 1, 0, "", ""), 0,
                0, List.of()));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            SnapshotWriter.FileContent content = writer.file();
            byte[] data = f.getValue();
            for (int i = 0; i < data.length; i += 100_000) {
                content.write(data, i, Math.min(100_000, data.length - i));
            }
            SnapshotWriter.Written written = content.finish();
            writer.entry(new TreeEntry(new ArchiveRecord(f.getKey(), ArchiveRecord.Kind.FILE, 0644, 1000, 1000, 1,
                    data.length, "", written.sha256()), 0, 0, written.chunks()));
        }
        return writer.commit(id, Map.of("name", id), "", 0);
    }

    static Map<String, byte[]> read(Repository repository, StoredSnapshot snapshot) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        SnapshotReader reader = repository.reader(snapshot);
        for (TreeEntry e = reader.next(); e != null; e = reader.next()) {
            if (e.record().kind() == ArchiveRecord.Kind.FILE) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (String chunk : e.chunks()) {
                    out.write(reader.chunk(chunk));
                }
                files.put(e.record().path(), out.toByteArray());
            }
        }
        return files;
    }
}
