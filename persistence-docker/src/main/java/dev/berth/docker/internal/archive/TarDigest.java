package dev.berth.docker.internal.archive;

import dev.berth.docker.internal.common.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A per-file manifest of a tar stream, read as it streams: for each entry, its kind, owner, mode, size and, for
 * files, SHA-256. The first path element (the helper's mount point) is dropped so that two copies compare equal.
 */
public final class TarDigest {
    private TarDigest() {
    }

    /** Path to description, in path order. Reads the stream to its end. */
    public static Map<String, String> of(InputStream tar) throws IOException {
        Map<String, String> manifest = new TreeMap<>();
        TarArchiveInputStream entries = new TarArchiveInputStream(tar);
        byte[] buffer = new byte[1 << 16];
        for (TarArchiveEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
            String path = relative(e.getName());
            String owner = e.getLongUserId() + ":" + e.getLongGroupId() + " " + Integer.toOctalString(e.getMode() & 07777);
            if (e.isSymbolicLink()) {
                manifest.put(path, "link " + owner + " -> " + e.getLinkName());
            } else if (e.isDirectory()) {
                manifest.put(path, "dir " + owner);
            } else if (e.isLink()) {
                manifest.put(path, "hardlink " + owner + " -> " + relative(e.getLinkName()));
            } else {
                MessageDigest sha = Sha256.digest();
                DigestInputStream in = new DigestInputStream(entries, sha);
                while (in.read(buffer) >= 0) {
                    // reading is hashing
                }
                manifest.put(path, "file " + owner + " " + e.getSize() + " " + Sha256.hex(sha.digest()));
            }
        }
        tar.transferTo(java.io.OutputStream.nullOutputStream());
        return manifest;
    }

    /** The total of the files' sizes in a manifest. */
    public static long bytes(Map<String, String> manifest) {
        return manifest.values().stream().filter(v -> v.startsWith("file ")).mapToLong(v -> Long.parseLong(v.split(" ")[3]))
                .sum();
    }

    private static String relative(String name) {
        String trimmed = name.startsWith("/") ? name.substring(1) : name;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? "." : trimmed.substring(slash + 1);
    }
}
