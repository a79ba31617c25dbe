package dev.berth.docker.internal.archive;

import dev.berth.docker.internal.common.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What a volume's tar holds, as {@link ArchiveRecord}s with checksums, for comparing two copies of one volume. Unlike
 * a restore, nothing is refused: a copy between Berth's own volumes keeps whatever the source holds (absolute links and
 * device nodes too), and the engine writes it inside the target volume.
 */
public final class VolumeDigest {
    private VolumeDigest() {
    }

    /** Path to record, in path order; the first path element (the helper's mount point) is dropped. */
    public static Map<String, ArchiveRecord> of(InputStream tar) throws IOException {
        return of(tar, (record, offset) -> { });
    }

    /** What a record's file was, once read whole, and how far into the tar it ended. */
    @FunctionalInterface
    public interface Progress {
        void read(ArchiveRecord record, long offset);
    }

    /** The same, telling {@code progress} of each entry as soon as it has been read whole. */
    public static Map<String, ArchiveRecord> of(InputStream tar, Progress progress) throws IOException {
        Map<String, ArchiveRecord> records = new TreeMap<>();
        TarArchiveInputStream entries = new TarArchiveInputStream(tar);
        byte[] buffer = new byte[1 << 16];
        for (TarArchiveEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
            String path = relative(e.getName());
            ArchiveRecord record = ArchiveRecord.of(e, path, ArchiveRecord.Kind.of(e), e.isSymbolicLink() ? e.getLinkName()
                    : e.isLink() ? relative(e.getLinkName()) : "");
            if (record.kind() == ArchiveRecord.Kind.FILE) {
                MessageDigest sha = Sha256.digest();
                for (int n = entries.read(buffer); n >= 0; n = entries.read(buffer)) {
                    sha.update(buffer, 0, n);
                }
                record = record.withSha256(Sha256.hex(sha.digest()));
            }
            records.put(path, record);
            progress.read(record, entries.getBytesRead());
        }
        tar.transferTo(OutputStream.nullOutputStream());
        return records;
    }

    /** The bytes of the files. */
    public static long bytes(Map<String, ArchiveRecord> records) {
        return records.values().stream().mapToLong(ArchiveRecord::size).sum();
    }

    /** The paths where {@code actual} differs from {@code expected} (the root's own times aside). */
    public static List<String> differences(Map<String, ArchiveRecord> expected, Map<String, ArchiveRecord> actual) {
        List<String> paths = new ArrayList<>();
        expected.forEach((path, record) -> {
            ArchiveRecord other = actual.get(path);
            if ((other == null || !record.sameAs(other)) && !path.equals(".")) {
                paths.add(path);
            }
        });
        actual.keySet().stream().filter(p -> !expected.containsKey(p)).forEach(paths::add);
        return paths;
    }

    private static String relative(String name) {
        String trimmed = name.startsWith("/") ? name.substring(1) : name;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? "." : trimmed.substring(slash + 1);
    }
}
