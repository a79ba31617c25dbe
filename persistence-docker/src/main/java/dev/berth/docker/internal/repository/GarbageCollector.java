package dev.berth.docker.internal.repository;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the data no snapshot references: under a GC lock (skipped while a snapshot is being written, since it may
 * name chunks no manifest names yet), it marks every blob the manifests' trees name, repacks packs that are mostly
 * unreferenced, writes one index of what is left, then deletes the old index files and, last, the packs. A crash at
 * any point leaves every referenced blob indexed. If any manifest or tree cannot be read, nothing is deleted.
 */
public final class GarbageCollector {
    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    /** A pack of which more than this share is unreferenced is rewritten with only its referenced blobs. */
    private static final double REPACK_UNUSED = 0.5;

    /** What a collection did, or why it did not run. */
    public record Report(boolean ran, String reason, int packsDeleted, int packsRewritten, long bytesFreed) {
        static Report skipped(String reason) {
            return new Report(false, reason, 0, 0, 0);
        }
    }

    private GarbageCollector() {
    }

    static Report run(Repository repository) throws IOException {
        var lock = RepositoryLock.take(repository.store(), RepositoryLock.Kind.GC, Duration.ZERO);
        if (lock.isEmpty()) {
            LOG.info("Left unreferenced data in {} for the next collection: a snapshot is being written",
                    repository.location());
            return Report.skipped("a snapshot is being written");
        }
        try (RepositoryLock held = lock.get()) {
            RepositoryLock.removeStale(repository.store());
            return collect(repository);
        }
    }

    private static Report collect(Repository repository) throws IOException {
        var store = repository.store();
        Set<String> referenced = referenced(repository);
        Index index = repository.index();
        Map<String, List<BlobRef>> byPack = new HashMap<>();
        for (BlobRef b : index.blobs()) {
            byPack.computeIfAbsent(b.pack(), p -> new ArrayList<>()).add(b);
        }
        List<String> deletePacks = new ArrayList<>();
        List<BlobRef> kept = new ArrayList<>();
        long freed = 0;
        int rewritten = 0;
        try (PackWriter repack = new PackWriter(store, repository.codec())) {
            for (String key : store.list(Keys.DATA)) {
                String pack = Keys.packOf(key);
                List<BlobRef> blobs = byPack.getOrDefault(pack, List.of());
                long used = blobs.stream().filter(b -> referenced.contains(b.id())).mapToLong(BlobRef::length).sum();
                long all = blobs.stream().mapToLong(BlobRef::length).sum();
                if (used == 0) {
                    deletePacks.add(key);
                    freed += all;
                } else if (all - used > REPACK_UNUSED * all) {
                    for (BlobRef b : blobs) {
                        if (referenced.contains(b.id())) {
                            repack.add(b.kind(), b.id(), repository.readStored(b), b.rawLength());
                        }
                    }
                    deletePacks.add(key);
                    freed += all - used;
                    rewritten++;
                } else {
                    kept.addAll(blobs);
                }
            }
            repack.flush();
            kept.addAll(repack.written());
        }
        if (deletePacks.isEmpty()) {
            return new Report(true, "", 0, 0, 0);
        }
        String newIndex = kept.isEmpty() ? "" : repository.documents().putNamed(Keys.INDEX, Index.text(kept));
        for (String old : index.files()) {
            if (!old.equals(newIndex)) {
                store.delete(old);
            }
        }
        for (String key : deletePacks) {
            store.delete(key);
        }
        LOG.info("Collected {} packs in {} ({} rewritten), freeing about {} MiB", deletePacks.size(),
                repository.location(), rewritten, freed >> 20);
        return new Report(true, "", deletePacks.size() - rewritten, rewritten, freed);
    }

    /** Every blob a manifest names: its tree's blobs and its files' chunks. */
    private static Set<String> referenced(Repository repository) throws IOException {
        Set<String> referenced = new HashSet<>();
        for (String key : repository.store().list(Keys.SNAPSHOTS)) {
            StoredSnapshot s;
            try {
                s = StoredSnapshot.fromJson(key, repository.documents().get(key));
            } catch (IOException e) {
                throw new IOException("the collection deleted nothing: manifest '" + key + "' cannot be read ("
                        + e.getMessage() + "). Delete that snapshot, or fix the store, then collect again.", e);
            }
            referenced.addAll(s.tree());
            SnapshotReader reader = repository.reader(s);
            try {
                for (TreeEntry e = reader.next(); e != null; e = reader.next()) {
                    referenced.addAll(e.chunks());
                }
            } catch (IOException e) {
                throw new IOException("the collection deleted nothing: the tree of snapshot " + s.id()
                        + " cannot be read (" + e.getMessage() + "). Run check(), then delete that snapshot.", e);
            }
        }
        return referenced;
    }
}
