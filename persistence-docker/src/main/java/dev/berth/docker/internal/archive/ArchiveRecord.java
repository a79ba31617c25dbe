package dev.berth.docker.internal.archive;

import java.io.IOException;

/**
 * One archive entry as a snapshot's checksum list records it: path relative to the volume's root ({@code .} for the
 * root), kind, permission bits, owner, modification time in seconds, size, link target and, for files, SHA-256.
 * One line per entry, tab-separated, with backslash escapes, so that any file name fits.
 */
public record ArchiveRecord(String path, Kind kind, int mode, long uid, long gid, long mtime, long size, String link,
        String sha256) {

    /** The entry kinds Berth restores, and the special files (devices, FIFOs) it only ever copies between volumes. */
    public enum Kind {
        FILE('f'), DIRECTORY('d'), SYMLINK('l'), HARDLINK('h'), SPECIAL('s');

        private final char code;

        Kind(char code) {
            this.code = code;
        }

        /** The kind of a tar entry: anything that is neither file, directory nor link is SPECIAL. */
        static Kind of(org.apache.commons.compress.archivers.tar.TarArchiveEntry e) {
            if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                return SPECIAL;
            }
            if (e.isSymbolicLink()) {
                return SYMLINK;
            }
            if (e.isLink()) {
                return HARDLINK;
            }
            if (e.isDirectory()) {
                return DIRECTORY;
            }
            return e.isFile() && !e.isSparse() ? FILE : SPECIAL;
        }

        static Kind of(char code) throws IOException {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IOException("unknown entry kind '" + code + "'");
        }
    }

    /** The entry at {@code path}, of {@code kind}, with {@code link} as its target (empty for none); no checksum. */
    public static ArchiveRecord of(org.apache.commons.compress.archivers.tar.TarArchiveEntry e, String path, Kind kind,
            String link) {
        long size = kind == Kind.FILE ? e.getSize() : 0;
        return new ArchiveRecord(path, kind, e.getMode() & 07777, e.getLongUserId(), e.getLongGroupId(),
                Math.floorDiv(e.getModTime().getTime(), 1000), size, link, "");
    }

    /** The same file as {@code other}, whatever its modification time: what a copy must keep. */
    public boolean sameAs(ArchiveRecord other) {
        return path.equals(other.path) && kind == other.kind && mode == other.mode && uid == other.uid
                && gid == other.gid && size == other.size && link.equals(other.link) && sha256.equals(other.sha256);
    }

    public ArchiveRecord withSha256(String sha) {
        return new ArchiveRecord(path, kind, mode, uid, gid, mtime, size, link, sha);
    }

    /** The checksum-list line, without its line feed. */
    public String line() {
        return (sha256.isEmpty() ? "-" : sha256) + '\t' + kind.code + '\t' + Integer.toOctalString(mode) + '\t' + uid
                + '\t' + gid + '\t' + mtime + '\t' + size + '\t' + escape(path) + '\t' + escape(link);
    }

    public static ArchiveRecord parse(String line) throws IOException {
        String[] f = line.split("\t", -1);
        if (f.length != 9 || f[1].length() != 1) {
            throw new IOException("malformed checksum line: '" + line + "'");
        }
        try {
            return new ArchiveRecord(unescape(f[7]), Kind.of(f[1].charAt(0)), Integer.parseInt(f[2], 8),
                    Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]),
                    unescape(f[8]), f[0].equals("-") ? "" : f[0]);
        } catch (NumberFormatException e) {
            throw new IOException("malformed checksum line: '" + line + "'", e);
        }
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) throws IOException {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i == s.length()) {
                throw new IOException("dangling escape in '" + s + "'");
            }
            switch (s.charAt(i)) {
                case '\\' -> b.append('\\');
                case 't' -> b.append('\t');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                default -> throw new IOException("unknown escape in '" + s + "'");
            }
        }
        return b.toString();
    }
}
