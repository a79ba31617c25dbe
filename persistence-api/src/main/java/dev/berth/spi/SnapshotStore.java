package dev.berth.spi;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where snapshots are kept: per snapshot id, a manifest of string properties and two streamed parts, the archive and
 * the checksum list. Berth makes and checks their content; a store only keeps bytes, so an implementation (a local
 * directory, an object store) needs no knowledge of tar or Docker. Parts can be larger than memory: stream them.
 *
 * <p>Contract, checked by the TCK {@code dev.berth.docker.SnapshotStoreContract} that every implementation must pass:
 * <ul>
 *   <li>a snapshot appears in {@link #list()} and {@link #find(String)} only once its draft is
 *       {@link Draft#commit(Map) committed}, with exactly the committed manifest and parts; a draft closed without a
 *       commit leaves nothing behind;</li>
 *   <li>committing an id that exists fails, and leaves the existing snapshot as it was;</li>
 *   <li>{@link #delete(String)} makes a snapshot disappear at once, and is a no-op for an unknown id;</li>
 *   <li>every method of the store is thread-safe; drafts of different ids may be written concurrently.</li>
 * </ul>
 * Ids are made of {@code [A-Za-z0-9._-]}. Failures are thrown as {@link IOException}s whose message says what to
 * do. No method returns null.
 */
public interface SnapshotStore {

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
