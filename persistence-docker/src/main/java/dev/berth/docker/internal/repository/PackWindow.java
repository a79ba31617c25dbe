package dev.berth.docker.internal.repository;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the stored bytes of blobs a window at a time: a blob and the blobs after it in its pack, up to
 * {@link #WINDOW} bytes, in one ranged read, since a snapshot's blobs mostly follow each other in their packs (small
 * files above all: one request for dozens of them rather than one each, which is what an object store charges for).
 * A blob larger than the window, or a window that cannot be read whole (a damaged pack), is read alone, so that a
 * failure names the blob. Holds one window; not thread-safe.
 */
final class PackWindow {
    static final int WINDOW = 4 << 20;

    private final Repository repository;
    private final Index index;
    private Map<String, long[]> ends; // per pack, the sorted end offsets of its blobs
    private String pack = "";
    private long start;
    private byte[] bytes = new byte[0];

    PackWindow(Repository repository, Index index) {
        this.repository = repository;
        this.index = index;
    }

    byte[] stored(BlobRef ref) throws IOException {
        if (!inWindow(ref)) {
            if (ref.length() >= WINDOW || !fill(ref)) {
                return repository.readStored(ref);
            }
        }
        int from = (int) (ref.offset() - start);
        return Arrays.copyOfRange(bytes, from, from + ref.length());
    }

    private boolean inWindow(BlobRef ref) {
        return ref.pack().equals(pack) && ref.offset() >= start && ref.offset() + ref.length() <= start + bytes.length;
    }

    /** Reads the window that starts with {@code ref}; false when it cannot be read whole. */
    private boolean fill(BlobRef ref) {
        long end = ref.offset() + ref.length();
        for (long e : endsOf(ref.pack())) {
            if (e > end && e - ref.offset() <= WINDOW) {
                end = e;
            }
        }
        int length = (int) (end - ref.offset());
        try (InputStream in = repository.store().get(Keys.pack(ref.pack()), ref.offset(), length)) {
            byte[] read = in.readNBytes(length);
            if (read.length != length) {
                return false;
            }
            pack = ref.pack();
            start = ref.offset();
            bytes = read;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private long[] endsOf(String pack) {
        if (ends == null) {
            Map<String, List<Long>> byPack = new HashMap<>();
            for (BlobRef b : index.blobs()) {
                byPack.computeIfAbsent(b.pack(), p -> new ArrayList<>()).add(b.offset() + b.length());
            }
            ends = new HashMap<>();
            byPack.forEach((p, list) -> ends.put(p, list.stream().mapToLong(Long::longValue).sorted().toArray()));
        }
        return ends.getOrDefault(pack, new long[0]);
    }
}
