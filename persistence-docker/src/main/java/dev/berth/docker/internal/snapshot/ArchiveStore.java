package dev.berth.docker.internal.snapshot;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Snapshots as whole tar archives (format 1), kept in a {@link dev.berth.spi.SnapshotStore} by {@link StoredArchives}:
 * per snapshot id, a manifest of string properties and two streamed parts, the archive and the checksum list. A
 * snapshot appears only once its draft is committed; committing an id that exists fails; deleting is a no-op for an
 * unknown id; thread-safe. The repository format of {@code dev.berth.docker.internal.repository} replaces it.
 */
interface ArchiveStore {

    /** The streamed parts of a snapshot. */
    enum Part {
        /** The volume's files as a tar archive. */
        ARCHIVE,
        /** One line per archive entry with its metadata and SHA-256, in archive order. */
        CHECKSUMS
    }

    /** Where the snapshots are, for messages, such as {@code local:/home/me/.berth/snapshots}. */
    String location();

    /** Starts writing a new snapshot; nothing is visible until it is committed. */
    Draft create(String id) throws IOException;

    /** Every committed snapshot's id and manifest, in no particular order. */
    List<Stored> list() throws IOException;

    Optional<Stored> find(String id) throws IOException;

    /**
     * Reads a part of a committed snapshot.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such snapshot
     */
    InputStream open(String id, Part part) throws IOException;

    /** The size in bytes of a part of a committed snapshot. */
    long size(String id, Part part) throws IOException;

    /** Deletes a snapshot; returns whether it existed. */
    boolean delete(String id) throws IOException;

    /** A committed snapshot: its id and manifest. */
    record Stored(String id, Map<String, String> manifest) {
        public Stored {
            manifest = Map.copyOf(manifest);
        }
    }

    /**
     * A snapshot being written. One thread opens its parts and commits it, but the two parts' streams may be written
     * from two threads at once. Closing it uncommitted discards it.
     */
    interface Draft extends Closeable {

        /** The stream to write a part to; each part is written once. */
        OutputStream open(Part part) throws IOException;

        /**
         * Makes the snapshot visible, with this manifest, atomically.
         *
         * @throws java.nio.file.FileAlreadyExistsException when a snapshot of that id exists
         */
        void commit(Map<String, String> manifest) throws IOException;
    }
}
