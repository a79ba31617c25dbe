package dev.berth.docker.internal.repository;

import dev.berth.docker.internal.common.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a repository: with {@code readData}, like restic's {@code check --read-data}, it re-reads every pack and
 * decodes every blob against its SHA-256; without, it checks that the index lists every blob a snapshot names and
 * that every pack it names is there. Then it walks every snapshot's tree and names the files whose chunks are bad.
 */
public final class RepositoryCheck {
    private static final int LISTED = 1000;

    /**
     * What was found: per damaged snapshot id, the paths of its damaged files (at most 1000 each; {@code (tree)} or
     * {@code (manifest)} when the snapshot's tree or manifest itself is damaged), and problems in the store at large.
     */
    public record Report(Map<String, List<String>> damaged, List<String> problems, int packsRead, long bytesRead) {
        public Report {
            damaged = Map.copyOf(damaged);
            problems = List.copyOf(problems);
        }

        public boolean clean() {
            return damaged.isEmpty() && problems.isEmpty();
        }
    }

    private RepositoryCheck() {
    }

    static Report run(Repository repository, boolean readData) throws IOException {
        var store = repository.store();
        List<String> problems = new ArrayList<>();
        Index index = new Index();
        for (String key : store.list(Keys.INDEX)) {
            try {
                Index.load(repository.documents(), List.of(key)).blobs().forEach(index::add);
            } catch (IOException e) {
                problems.add("index file " + key + ": " + e.getMessage());
            }
        }
        Set<String> packs = new HashSet<>();
        for (String key : store.list(Keys.DATA)) {
            packs.add(Keys.packOf(key));
        }
        Set<String> bad = new HashSet<>();
        for (BlobRef b : index.blobs()) {
            if (!packs.contains(b.pack())) {
                bad.add(b.id());
            }
        }
        int packsRead = 0;
        long bytesRead = 0;
        if (readData) {
            Map<String, List<BlobRef>> byPack = new HashMap<>();
            index.blobs().forEach(b -> byPack.computeIfAbsent(b.pack(), p -> new ArrayList<>()).add(b));
            for (String pack : packs) {
                if (pack.isEmpty()) {
                    continue;
                }
                bytesRead += readPack(repository, pack, byPack.getOrDefault(pack, List.of()), bad, problems);
                packsRead++;
            }
        }
        Map<String, List<String>> damaged = new LinkedHashMap<>();
        for (String key : store.list(Keys.SNAPSHOTS)) {
            StoredSnapshot s;
            try {
                s = StoredSnapshot.fromJson(key, repository.documents().get(key));
            } catch (IOException e) {
                damaged.put(key.substring(Keys.SNAPSHOTS.length()), List.of("(manifest)"));
                continue;
            }
            List<String> files = damagedFiles(repository, s, index, bad);
            if (!files.isEmpty()) {
                damaged.put(s.id(), files);
            }
        }
        return new Report(damaged, problems, packsRead, bytesRead);
    }

    private static List<String> damagedFiles(Repository repository, StoredSnapshot s, Index index, Set<String> bad) {
        List<String> files = new ArrayList<>();
        if (s.tree().stream().anyMatch(t -> bad.contains(t) || !index.contains(t))) {
            return List.of("(tree)");
        }
        try {
            SnapshotReader reader = new SnapshotReader(repository, s, index);
            for (TreeEntry e = reader.next(); e != null; e = reader.next()) {
                if (e.chunks().stream().anyMatch(c -> bad.contains(c) || !index.contains(c)) && files.size() < LISTED) {
                    files.add(e.record().path());
                }
            }
        } catch (IOException e) {
            files.add("(tree)");
        }
        return files;
    }

    /** Reads a whole pack, decoding each blob the index places in it; returns the bytes read. */
    private static long readPack(Repository repository, String pack, List<BlobRef> blobs, Set<String> bad,
            List<String> problems) {
        List<BlobRef> ordered = new ArrayList<>(blobs);
        ordered.sort(Comparator.comparingLong(BlobRef::offset));
        MessageDigest sha = Sha256.digest();
        long position = 0;
        int badBlobs = 0;
        String firstBad = "";
        try (InputStream in = new DigestInputStream(repository.store().get(Keys.pack(pack)), sha)) {
            for (BlobRef b : ordered) {
                if (b.offset() < position) {
                    bad.add(b.id());
                    continue;
                }
                in.skipNBytes(b.offset() - position);
                byte[] stored = in.readNBytes(b.length());
                position = b.offset() + stored.length;
                try {
                    repository.codec().decode(stored, b.rawLength(), b.id(), "blob " + b.id());
                } catch (IOException e) {
                    bad.add(b.id());
                    if (firstBad.isEmpty()) {
                        firstBad = e.getMessage();
                    }
                    badBlobs++;
                }
            }
            position += in.transferTo(java.io.OutputStream.nullOutputStream());
            if (badBlobs > 0) {
                problems.add("pack " + pack + " is damaged: " + badBlobs + " of its " + ordered.size() + " blobs do not "
                        + "read back (" + firstBad + ")");
            }
        } catch (IOException e) {
            problems.add("pack " + pack + " cannot be read: " + e.getMessage());
            blobs.forEach(b -> bad.add(b.id()));
            return position;
        }
        if (!Sha256.hex(sha.digest()).equals(pack) && !tailHashesTo(repository, pack, position)) {
            problems.add("pack " + pack + " does not match its name's SHA-256: it is damaged");
        }
        return position;
    }

    /** Whether the pack's tail (its encoded header and that header's length) hashes to its name, as packs are named. */
    private static boolean tailHashesTo(Repository repository, String pack, long size) {
        try {
            byte[] length;
            try (InputStream in = repository.store().get(Keys.pack(pack), size - 4, 4)) {
                length = in.readNBytes(4);
            }
            long header = ((length[0] & 0xffL) << 24) | ((length[1] & 0xff) << 16) | ((length[2] & 0xff) << 8)
                    | (length[3] & 0xff);
            if (header > size - 4 || header > PackWriter.TARGET) {
                return false;
            }
            try (InputStream in = repository.store().get(Keys.pack(pack), size - 4 - header, header + 4)) {
                return Sha256.hex(Sha256.digest().digest(in.readAllBytes())).equals(pack);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
