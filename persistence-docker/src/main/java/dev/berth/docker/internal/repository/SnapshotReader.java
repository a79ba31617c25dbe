package dev.berth.docker.internal.repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a snapshot back: its tree's entries in order ({@link #next()}), and each file's chunks, every one checked
 * against its SHA-256 ({@link #chunk(String)}), read a window of its pack at a time ({@link PackWindow}). Holds one
 * tree blob, one chunk and one window at a time. Not thread-safe.
 */
public final class SnapshotReader {
    private final Repository repository;
    private final StoredSnapshot snapshot;
    private final Index index;
    private final PackWindow window;
    private int treeBlob;
    private String pending = "";
    private int at;
    private String[] lines = new String[0];

    SnapshotReader(Repository repository, StoredSnapshot snapshot, Index index) {
        this.repository = repository;
        this.snapshot = snapshot;
        this.index = index;
        this.window = new PackWindow(repository, index);
    }

    /**
     * The next entry of the tree, or null after the last.
     *
     * @throws IOException when the tree cannot be read on (a missing or damaged tree blob, a malformed line)
     */
    public @Nullable TreeEntry next() throws IOException {
        while (at >= lines.length) {
            if (treeBlob == snapshot.tree().size()) {
                if (!pending.isEmpty()) {
                    throw new IOException("the tree of snapshot " + snapshot.id() + " ends inside a line");
                }
                return null;
            }
            String text = pending + new String(blob(snapshot.tree().get(treeBlob++)), StandardCharsets.UTF_8);
            int last = text.lastIndexOf('\n');
            lines = last < 0 ? new String[0] : text.substring(0, last).split("\n", -1);
            pending = text.substring(last + 1);
            at = 0;
        }
        return TreeEntry.parse(lines[at++]);
    }

    /** A chunk's bytes, checked against its id. */
    public byte[] chunk(String id) throws IOException {
        return blob(id);
    }

    /** Whether the index lists every one of these chunks. */
    public boolean indexed(List<String> chunks) {
        return chunks.stream().allMatch(index::contains);
    }

    private byte[] blob(String id) throws IOException {
        BlobRef ref = index.find(id).orElseThrow(() -> new IOException("blob " + id + " of snapshot "
                + snapshot.id() + " is in no index: the repository lost it"));
        return repository.decodeBlob(ref, window.stored(ref));
    }
}
