package dev.berth.docker.internal.repository;

import java.io.IOException;

/** Where a blob is: its SHA-256, kind, pack, and its stored and raw lengths. One line of an index. */
record BlobRef(String id, Kind kind, String pack, long offset, int length, int rawLength) {

    /** File content, or part of a snapshot's tree. */
    enum Kind { DATA, TREE }

    String line() {
        return pack + ' ' + (kind == Kind.DATA ? 'D' : 'T') + ' ' + id + ' ' + offset + ' ' + length + ' ' + rawLength;
    }

    static BlobRef parse(String line, String where) throws IOException {
        String[] f = line.split(" ");
        if (f.length != 6 || !Keys.isHash(f[0]) || !Keys.isHash(f[2]) || !(f[1].equals("D") || f[1].equals("T"))) {
            throw new IOException("malformed line in " + where + ": '" + line + "'");
        }
        try {
            long offset = Long.parseLong(f[3]);
            int length = Integer.parseInt(f[4]);
            int raw = Integer.parseInt(f[5]);
            if (offset < 0 || length <= 0 || raw < 0 || raw > Chunker.MAX) {
                throw new IOException("impossible offset or length in " + where + ": '" + line + "'");
            }
            return new BlobRef(f[2], f[1].equals("D") ? Kind.DATA : Kind.TREE, f[0], offset, length, raw);
        } catch (NumberFormatException e) {
            throw new IOException("malformed number in " + where + ": '" + line + "'", e);
        }
    }
}
