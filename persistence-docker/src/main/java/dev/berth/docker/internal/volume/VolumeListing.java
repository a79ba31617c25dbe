package dev.berth.docker.internal.volume;

import dev.berth.docker.internal.archive.ArchiveRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every entry of a volume with what tells a changed file from an unchanged one (kind, size, modification and change
 * time, inode, owner, mode, links), listed next to the data: by {@code find} and {@code stat} in a helper on the
 * volume's node, so that no file's content travels for it. Empty when the helper image cannot list, or a name cannot
 * be read back (a line feed in it): a snapshot then reads every file, and a move copies while the container is down.
 */
public final class VolumeListing {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeListing.class);
    private static final String START = "berth-listing-start ";
    private static final String END = "berth-listing-end";
    private static final String SCRIPT = "cd " + ArchiveHelper.MOUNT + " && echo " + START + "$(date +%s)"
            + " && find . -exec stat -c '%i %s %Y %Z %u %g %f %h %n' {} + && echo " + END;

    /** The entries by path, in the order {@code find} walked them, and when (by the node's clock) it began. */
    public record Listing(long listedAt, Map<String, Listed> entries) {
    }

    /** One listed entry; path relative to the volume's root, {@code .} for the root. */
    public record Listed(String path, ArchiveRecord.Kind kind, int mode, long uid, long gid, long mtime, long ctime,
            long inode, long size, long links) {
    }

    private VolumeListing() {
    }

    /** The volume's entries, listed by a running helper on it; every directory comes before its entries. */
    public static Optional<Listing> of(ArchiveHelper helper, String volume) {
        String out;
        try {
            out = helper.exec(SCRIPT, "Listing volume '" + volume + "'", "sh, find and stat");
        } catch (RuntimeException e) {
            LOG.info("Could not list volume {} next to its data: {}", volume, e.getMessage());
            return Optional.empty();
        }
        return parse(out);
    }

    static Optional<Listing> parse(String out) {
        Map<String, Listed> listed = new LinkedHashMap<>();
        String[] lines = out.split("\n", -1);
        int last = lines.length - 1;
        while (last >= 0 && lines[last].isEmpty()) {
            last--;
        }
        if (last < 1 || !lines[last].equals(END) || !lines[0].startsWith(START)) {
            return Optional.empty();
        }
        long listedAt;
        try {
            listedAt = Long.parseLong(lines[0].substring(START.length()).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        for (int i = 1; i < last; i++) {
            Optional<Listed> entry = line(lines[i]);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            listed.put(entry.get().path(), entry.get());
        }
        return listed.containsKey(".") ? Optional.of(new Listing(listedAt, listed)) : Optional.empty();
    }

    /** The kind of an entry of {@code st_mode} {@code mode}: anything but a file, directory or link is SPECIAL. */
    static ArchiveRecord.Kind kindOf(int mode) {
        return switch (mode & 0170000) {
            case 0040000 -> ArchiveRecord.Kind.DIRECTORY;
            case 0100000 -> ArchiveRecord.Kind.FILE;
            case 0120000 -> ArchiveRecord.Kind.SYMLINK;
            default -> ArchiveRecord.Kind.SPECIAL;
        };
    }

    private static Optional<Listed> line(String line) {
        String[] f = line.split(" ", 9);
        if (f.length != 9 || !(f[8].equals(".") || f[8].startsWith("./"))) {
            return Optional.empty();
        }
        try {
            int raw = Integer.parseInt(f[6], 16);
            ArchiveRecord.Kind kind = kindOf(raw);
            String path = f[8].equals(".") ? "." : f[8].substring(2);
            return Optional.of(new Listed(path, kind, raw & 07777, Long.parseLong(f[4]), Long.parseLong(f[5]),
                    Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[0]), Long.parseLong(f[1]),
                    Long.parseLong(f[7])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
