package dev.berth.docker.internal.repository;

import dev.berth.docker.internal.archive.ArchiveRecord;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * One entry of a snapshot's tree: the archive record (path, kind, mode, owner, time, size, link, SHA-256), the inode
 * and change time it had when listed (zero when unknown), and the ids of its content's chunks, in order. One line of
 * the tree: the record's checksum-list line, then the three, tab-separated.
 */
public record TreeEntry(ArchiveRecord record, long inode, long ctime, List<String> chunks) {
    public TreeEntry {
        chunks = List.copyOf(chunks);
    }

    public String line() {
        return record.line() + '\t' + inode + '\t' + ctime + '\t' + String.join(",", chunks);
    }

    public static TreeEntry parse(String line) throws IOException {
        int cut = line.length();
        for (int i = 0; i < 3; i++) {
            cut = line.lastIndexOf('\t', cut - 1);
            if (cut < 0) {
                throw new IOException("malformed tree line: '" + line + "'");
            }
        }
        String[] extra = line.substring(cut + 1).split("\t", -1);
        ArchiveRecord record = ArchiveRecord.parse(line.substring(0, cut));
        try {
            List<String> chunks = extra[2].isEmpty() ? List.of() : Arrays.asList(extra[2].split(","));
            for (String c : chunks) {
                if (!Keys.isHash(c)) {
                    throw new IOException("malformed chunk id in tree line: '" + line + "'");
                }
            }
            if (record.kind() != ArchiveRecord.Kind.FILE && !chunks.isEmpty()) {
                throw new IOException("a tree entry that is not a file has content: '" + line + "'");
            }
            return new TreeEntry(record, Long.parseLong(extra[0]), Long.parseLong(extra[1]), chunks);
        } catch (NumberFormatException e) {
            throw new IOException("malformed tree line: '" + line + "'", e);
        }
    }
}
