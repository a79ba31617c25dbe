package dev.berth.docker.internal.snapshot;

import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.repository.Repository;
import dev.berth.docker.internal.repository.SnapshotReader;
import dev.berth.docker.internal.repository.StoredSnapshot;
import dev.berth.docker.internal.repository.TreeEntry;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot a new one is made incrementally from: the newest in the repository of a volume of the same name,
 * with its files and links by path. None (every file is read) when there is none, or its tree does not read.
 */
record ParentSnapshot(String id, long listedAt, Map<String, TreeEntry> entries) {
    private static final Logger LOG = LoggerFactory.getLogger(ParentSnapshot.class);
    private static final ParentSnapshot NONE = new ParentSnapshot("", 0, Map.of());

    private static java.time.Instant createdAt(StoredSnapshot s) {
        try {
            return java.time.Instant.parse(s.properties().getOrDefault("createdAt", ""));
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.Instant.EPOCH;
        }
    }

    static ParentSnapshot newest(Repository repository, String volume) throws IOException {
        Optional<StoredSnapshot> newest = repository.snapshots().stream()
                .filter(s -> volume.equals(s.properties().get("volume")))
                .max(Comparator.comparing(ParentSnapshot::createdAt).thenComparing(StoredSnapshot::id));
        if (newest.isEmpty() || newest.get().listedAt() == 0) {
            return NONE;
        }
        Map<String, TreeEntry> entries = new HashMap<>();
        try {
            SnapshotReader reader = repository.reader(newest.get());
            for (TreeEntry e = reader.next(); e != null; e = reader.next()) {
                if (e.record().kind() == ArchiveRecord.Kind.FILE || e.record().kind() == ArchiveRecord.Kind.SYMLINK) {
                    entries.put(e.record().path(), e);
                }
            }
        } catch (IOException e) {
            LOG.warn("The newest snapshot {} of volume {} does not read ({}): this snapshot reads every file",
                    newest.get().id(), volume, e.getMessage());
            return NONE;
        }
        return new ParentSnapshot(newest.get().id(), newest.get().listedAt(), entries);
    }
}
