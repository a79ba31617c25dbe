package dev.berth.docker.internal.repository;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every blob the repository's index files list, by id, and which index file listed it. An index file lists the
 * packs that one snapshot or one garbage collection wrote, one blob per line ({@link BlobRef#line()}).
 */
final class Index {
    private final Map<String, BlobRef> blobs = new HashMap<>();
    private final List<String> files = new ArrayList<>();

    static Index load(Documents documents, Collection<String> indexKeys) throws IOException {
        Index index = new Index();
        for (String key : indexKeys) {
            for (String line : documents.get(key).split("\n")) {
                if (!line.isEmpty()) {
                    BlobRef ref = BlobRef.parse(line, "'" + key + "'");
                    index.blobs.putIfAbsent(ref.id(), ref);
                }
            }
            index.files.add(key);
        }
        return index;
    }

    Optional<BlobRef> find(String id) {
        return Optional.ofNullable(blobs.get(id));
    }

    boolean contains(String id) {
        return blobs.containsKey(id);
    }

    void add(BlobRef ref) {
        blobs.putIfAbsent(ref.id(), ref);
    }

    Collection<BlobRef> blobs() {
        return blobs.values();
    }

    /** The index files it was loaded from. */
    List<String> files() {
        return files;
    }

    static String text(Collection<BlobRef> refs) {
        StringBuilder b = new StringBuilder();
        for (BlobRef r : refs) {
            b.append(r.line()).append('\n');
        }
        return b.toString();
    }
}
