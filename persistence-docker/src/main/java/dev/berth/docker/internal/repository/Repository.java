package dev.berth.docker.internal.repository;

import dev.berth.Secret;
import dev.berth.spi.SnapshotStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Berth repository in a {@link SnapshotStore}: opened (made when the store is empty) with or without a key, it
 * writes snapshots ({@link #write()}), lists, reads and deletes them, and collects and checks what they keep.
 * Thread-safe; every call reads the store afresh, so several processes may share one.
 */
public final class Repository {
    private static final Logger LOG = LoggerFactory.getLogger(Repository.class);
    /** How long a snapshot waits for a garbage collection to end. */
    private static final Duration WRITE_PATIENCE = Duration.ofMinutes(10);

    private final SnapshotStore store;
    private final Codec codec;
    private final Documents documents;

    private Repository(SnapshotStore store, Seal seal) {
        this.store = store;
        this.codec = new Codec(seal);
        this.documents = new Documents(store, codec);
    }

    /** @throws IOException saying why the store holds no repository this key opens */
    public static Repository open(SnapshotStore store, Optional<Secret> key) throws IOException {
        return new Repository(store, RepositoryConfig.open(store, key));
    }

    public String location() {
        return store.location();
    }

    public boolean encrypted() {
        return codec.seal().encrypts();
    }

    SnapshotStore store() {
        return store;
    }

    Codec codec() {
        return codec;
    }

    Documents documents() {
        return documents;
    }

    /** Every blob the index files list, read now. */
    Index index() throws IOException {
        return Index.load(documents, store.list(Keys.INDEX));
    }

    /** Starts a snapshot, once no garbage collection runs (waiting up to 10 minutes for one). */
    public SnapshotWriter write() throws IOException {
        RepositoryLock lock = RepositoryLock.take(store, RepositoryLock.Kind.WRITE, WRITE_PATIENCE)
                .orElseThrow(() -> new IOException("a garbage collection has held the repository in " + location()
                        + " for over " + WRITE_PATIENCE.toMinutes() + " minutes: try again later"));
        try {
            return new SnapshotWriter(this, index(), lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Every snapshot whose manifest reads; one that does not is logged and left out. */
    public List<StoredSnapshot> snapshots() throws IOException {
        List<StoredSnapshot> all = new ArrayList<>();
        for (String key : store.list(Keys.SNAPSHOTS)) {
            try {
                all.add(read(key));
            } catch (NoSuchFileException deletedMeanwhile) {
                // deleted between the listing and the read
            } catch (IOException e) {
                LOG.warn("Skipping snapshot manifest {} in {}: {}", key, location(), e.getMessage());
            }
        }
        return all;
    }

    public Optional<StoredSnapshot> snapshot(String id) throws IOException {
        try {
            return Optional.of(read(Keys.SNAPSHOTS + id));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private StoredSnapshot read(String key) throws IOException {
        return StoredSnapshot.fromJson(key, documents.get(key));
    }

    /** Deletes a snapshot's manifest; its data goes with the next {@link #collectGarbage()}. */
    public boolean delete(String id) throws IOException {
        return store.delete(Keys.SNAPSHOTS + id);
    }

    /** A reader of the snapshot's entries and their content, against the index as it is now. */
    public SnapshotReader reader(StoredSnapshot snapshot) throws IOException {
        return new SnapshotReader(this, snapshot, index());
    }

    /** Removes the data no snapshot references, unless a snapshot is being written (it is then left for next time). */
    public GarbageCollector.Report collectGarbage() throws IOException {
        return GarbageCollector.run(this);
    }

    /** With {@code readData}, re-reads every pack; without, checks that the index holds every blob a snapshot names. */
    public RepositoryCheck.Report check(boolean readData) throws IOException {
        return RepositoryCheck.run(this, readData);
    }

    /** The stored bytes of a blob, as its index entry locates them. */
    byte[] readStored(BlobRef ref) throws IOException {
        try (InputStream in = store.get(Keys.pack(ref.pack()), ref.offset(), ref.length())) {
            byte[] stored = in.readNBytes(ref.length());
            if (stored.length != ref.length()) {
                throw new IOException("pack " + ref.pack() + " ends inside blob " + ref.id() + ": it is damaged");
            }
            return stored;
        }
    }

    /** A blob's bytes, checked against its id. */
    byte[] readBlob(BlobRef ref) throws IOException {
        return decodeBlob(ref, readStored(ref));
    }

    /** A blob's bytes from what its pack stores of it, opened and checked against its id. */
    byte[] decodeBlob(BlobRef ref, byte[] stored) throws IOException {
        return codec.decode(stored, ref.rawLength(), ref.id(), "blob " + ref.id() + " of pack " + ref.pack());
    }

    @Override
    public String toString() {
        return "Repository[" + location() + (encrypted() ? ", encrypted" : "") + "]";
    }
}
