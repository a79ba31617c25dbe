package dev.berth.docker.internal.snapshot;

import dev.berth.ProgressListener;
import dev.berth.docker.internal.archive.ArchiveReader;
import dev.berth.docker.internal.archive.ProgressMeter;
import java.io.IOException;
import java.nio.file.Path;

/** Where a snapshot's data is kept, and how it is read back: a format-1 archive, or the repository. */
interface SnapshotData {

    /** The store, for messages. */
    String location();

    /**
     * Replays the snapshot's entries, each checked before the visitor sees it, and every file re-hashed.
     *
     * @throws dev.berth.SnapshotCorruptedException naming the damaged files
     * @throws dev.berth.UnsafeArchiveException at the first entry that must not be restored
     */
    void replay(SnapshotManifest m, ArchiveReader.Visitor visitor, ProgressMeter meter) throws IOException;

    /** The bytes it added to its store. */
    long storedBytes(SnapshotManifest m);

    /** Deletes it; its data goes at once (an archive) or with the next collection (the repository). */
    boolean delete(SnapshotManifest m) throws IOException;

    /** Writes one portable file, for {@code importFrom} on any machine. */
    void export(SnapshotManifest m, Path file, ProgressListener listener);

    /** A format-1 snapshot: an archive and its checksum list. */
    record Archive(ArchiveStore store) implements SnapshotData {
        @Override
        public String location() {
            return store.location();
        }

        @Override
        public void replay(SnapshotManifest m, ArchiveReader.Visitor visitor, ProgressMeter meter) throws IOException {
            SnapshotCheck.run(store, m, visitor, meter);
        }

        @Override
        public long storedBytes(SnapshotManifest m) {
            return m.archiveBytes();
        }

        @Override
        public boolean delete(SnapshotManifest m) throws IOException {
            return store.delete(m.id());
        }

        @Override
        public void export(SnapshotManifest m, Path file, ProgressListener listener) {
            SnapshotExport.export(store, m, file, listener);
        }
    }
}
