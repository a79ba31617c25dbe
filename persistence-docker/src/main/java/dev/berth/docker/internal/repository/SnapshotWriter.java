package dev.berth.docker.internal.repository;

import dev.berth.docker.internal.common.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one snapshot into the repository while holding a WRITE lock: files' content as chunks (each stored once in
 * the whole repository), the tree of entries, then at {@link #commit} the packs, an index of them and, last, the
 * manifest. Closed without a commit, it leaves no snapshot: the packs already put are garbage that the next
 * collection removes. Not thread-safe.
 */
public final class SnapshotWriter implements AutoCloseable {
    private final Repository repository;
    private final Index known;
    private final RepositoryLock lock;
    private final PackWriter packs;
    private final BlobEncoder encoder;
    private final Set<String> added = new HashSet<>();
    private final List<String> tree = new ArrayList<>();
    private final Chunker treeChunker;
    /** One chunker (and its buffer) for every file, since files are written one after another. */
    private final Chunker fileChunker;
    private List<String> fileChunks = new ArrayList<>();
    /** The SHA-256 of the file being written, fed chunk by chunk as they are cut. */
    private MessageDigest fileSha = Sha256.digest();
    private final MessageDigest checksum = Sha256.digest();
    private long addedRawBytes;
    private long sizeBytes;
    private long entries;
    private boolean committed;

    SnapshotWriter(Repository repository, Index known, RepositoryLock lock) {
        this.repository = repository;
        this.known = known;
        this.lock = lock;
        this.packs = new PackWriter(repository.store(), repository.codec());
        this.encoder = new BlobEncoder(repository.codec(), packs);
        this.treeChunker = new Chunker((b, off, len) -> tree.add(store(BlobRef.Kind.TREE, b, off, len)));
        this.fileChunker = new Chunker(this::fileChunk);
    }

    /** The content of one file, written in order; {@link FileContent#finish()} gives its SHA-256 and chunks. */
    public FileContent file() {
        fileChunks = new ArrayList<>();
        fileSha = Sha256.digest();
        return new FileContent();
    }

    /** Whether every one of these chunks is in the repository, so that an entry may name them unread. */
    public boolean has(List<String> chunks) {
        return chunks.stream().allMatch(c -> known.contains(c) || added.contains(c));
    }

    /** Adds an entry to the tree, in the order a restore writes them. */
    public void entry(TreeEntry entry) throws IOException {
        byte[] line = (entry.line() + "\n").getBytes(StandardCharsets.UTF_8);
        treeChunker.write(line, 0, line.length);
        byte[] listLine = (entry.record().line() + "\n").getBytes(StandardCharsets.UTF_8);
        checksum.update(listLine);
        sizeBytes += entry.record().size();
        entries++;
    }

    /** The bytes of the entries' files so far. */
    public long sizeBytes() {
        return sizeBytes;
    }

    public long entries() {
        return entries;
    }

    /** {@code sha256:<hex>} over the entries' checksum-list lines: equal for identical data and metadata. */
    public String checksum() {
        return "sha256:" + Sha256.hex(((MessageDigest) cloneOf(checksum)).digest());
    }

    /** Raw bytes of the chunks this snapshot added (before compression). */
    public long addedRawBytes() {
        return addedRawBytes;
    }

    /**
     * Puts the last pack, the index and the manifest: the snapshot is visible from here on.
     *
     * @throws java.nio.file.FileAlreadyExistsException when a snapshot of that id exists
     */
    public StoredSnapshot commit(String id, Map<String, String> properties, String parent, long listedAt)
            throws IOException {
        treeChunker.finish();
        encoder.drain();
        packs.flush();
        if (!packs.written().isEmpty()) {
            repository.documents().putNamed(Keys.INDEX, Index.text(packs.written()));
        }
        StoredSnapshot snapshot = new StoredSnapshot(id, properties, tree, parent, listedAt, packs.storedBytes());
        if (!repository.documents().put(Keys.SNAPSHOTS + id, snapshot.toJson())) {
            throw new java.nio.file.FileAlreadyExistsException("a snapshot '" + id + "' exists in "
                    + repository.location());
        }
        committed = true;
        return snapshot;
    }

    @Override
    public void close() throws IOException {
        try (lock; packs) {
            encoder.close();
        }
    }

    boolean committed() {
        return committed;
    }

    /**
     * Stores a file's chunk. The file's hash and its first chunk's are one computation up to that chunk's end, so the
     * first chunk's id is taken from the file's digest: a file of one chunk (every file under {@link Chunker#MIN}) is
     * hashed once, not twice.
     */
    private void fileChunk(byte[] b, int off, int len) throws IOException {
        fileSha.update(b, off, len);
        String id = fileChunks.isEmpty() ? Sha256.hex(((MessageDigest) cloneOf(fileSha)).digest()) : hashOf(b, off, len);
        fileChunks.add(store(BlobRef.Kind.DATA, id, b, off, len));
    }

    private static String hashOf(byte[] b, int off, int len) {
        MessageDigest sha = Sha256.digest();
        sha.update(b, off, len);
        return Sha256.hex(sha.digest());
    }

    private String store(BlobRef.Kind kind, byte[] b, int off, int len) throws IOException {
        return store(kind, hashOf(b, off, len), b, off, len);
    }

    private String store(BlobRef.Kind kind, String id, byte[] b, int off, int len) throws IOException {
        if (!known.contains(id) && added.add(id)) {
            encoder.add(kind, id, b, off, len);
            addedRawBytes += len;
        }
        return id;
    }

    private static Object cloneOf(MessageDigest digest) {
        try {
            return digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests of this JVM cannot be cloned", e);
        }
    }

    /** One file's content: chunked, each chunk stored once, and the whole hashed. */
    public final class FileContent {
        private FileContent() {
        }

        public void write(byte[] b, int off, int len) throws IOException {
            fileChunker.write(b, off, len);
        }

        /** The file's SHA-256 and the ids of its chunks. */
        public Written finish() throws IOException {
            fileChunker.finish();
            return new Written(Sha256.hex(fileSha.digest()), List.copyOf(fileChunks));
        }
    }

    public record Written(String sha256, List<String> chunks) {
    }
}
