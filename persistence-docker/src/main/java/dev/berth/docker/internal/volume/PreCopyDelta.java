package dev.berth.docker.internal.volume;

import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.archive.ArchiveRecord.Kind;
import dev.berth.docker.internal.volume.VolumeListing.Listed;
import dev.berth.docker.internal.volume.VolumeListing.Listing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a move must still send once its container has stopped, after a copy made while it ran: the volume was listed
 * ({@code before}), then sent ({@code sent}: what the stream held, hashed on the way) and hashed where it landed
 * ({@code landed}); now it is listed again ({@code after}). An entry is taken as copied only when its listing did not
 * change (kind, size, times, inode, owner, mode), it had not changed in the second {@code before} began either (a
 * change in that second leaves its times as they were), and, for a file, what landed hashes as what was sent.
 * Everything else is sent again; what is gone is deleted, before anything is sent.
 *
 * @param send   paths to send again, each whole (a new directory with everything in it); none lies under another
 * @param delete paths to delete on the target first (an entry that is gone, or is of another kind now)
 */
record PreCopyDelta(List<String> send, List<String> delete) {

    static PreCopyDelta between(Listing before, Map<String, ArchiveRecord> sent, Map<String, String> landed,
            Listing after) {
        List<String> send = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        Set<String> sentWhole = new HashSet<>();
        for (Listed now : after.entries().values()) {
            String path = now.path();
            if (path.equals(".") || underAny(path, sentWhole)) {
                continue;
            }
            ArchiveRecord copied = sent.get(path);
            if (copied != null && kindOf(copied) != now.kind()) {
                delete.add(path);
                copied = null;
            }
            if (now.kind() == Kind.DIRECTORY) {
                if (copied == null) {
                    send.add(path);
                    sentWhole.add(path);
                }
                continue; // an existing directory's own owner, mode and times are set afterwards
            }
            if (copied == null || !unchanged(before, path, now, copied, landed)) {
                send.add(path);
            }
        }
        Set<String> deletedWhole = new HashSet<>(delete);
        for (String path : new TreeSet<>(sent.keySet())) {
            if (!path.equals(".") && !after.entries().containsKey(path) && !underAny(path, deletedWhole)) {
                delete.add(path);
                deletedWhole.add(path);
            }
        }
        return new PreCopyDelta(List.copyOf(send), List.copyOf(delete));
    }

    private static boolean unchanged(Listing before, String path, Listed now, ArchiveRecord copied,
            Map<String, String> landed) {
        Listed then = before.entries().get(path);
        boolean listedSame = then != null && sameListing(then, now) && now.ctime() < before.listedAt();
        if (!listedSame || now.links() > 1) {
            return false;
        }
        return now.kind() != Kind.FILE
                || copied.size() == now.size() && !copied.sha256().isEmpty() && copied.sha256().equals(landed.get(path));
    }

    private static boolean sameListing(Listed a, Listed b) {
        return a.kind() == b.kind() && a.size() == b.size() && a.mtime() == b.mtime() && a.ctime() == b.ctime()
                && a.inode() == b.inode() && a.uid() == b.uid() && a.gid() == b.gid() && a.mode() == b.mode();
    }

    /** A listing's kind for a tar record: a hard link is a file to {@code stat}. */
    private static Kind kindOf(ArchiveRecord record) {
        return record.kind() == Kind.HARDLINK ? Kind.FILE : record.kind();
    }

    static boolean underAny(String path, Set<String> directories) {
        return ancestors(path).stream().anyMatch(directories::contains);
    }

    /** The directories above {@code path}, nearest first ({@code a/b} and {@code a} for {@code a/b/c}). */
    private static List<String> ancestors(String path) {
        List<String> above = new ArrayList<>();
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            above.add(path.substring(0, slash));
        }
        return above;
    }

    /**
     * The directories whose owner, mode and modification time the target must be given again once this delta is
     * applied: the root, every directory above what was sent or deleted (sending re-creates them with the staging
     * area's, and deleting changes their times), and every directory whose own listing changed.
     */
    List<Listed> directoriesToRestore(Listing before, Listing after) {
        Set<String> paths = new TreeSet<>();
        paths.add(".");
        send.forEach(path -> paths.addAll(ancestors(path)));
        delete.forEach(path -> paths.addAll(ancestors(path)));
        for (Listed now : after.entries().values()) {
            Listed then = before.entries().get(now.path());
            if (now.kind() == Kind.DIRECTORY && (then == null || !sameListing(then, now)
                    || now.ctime() >= before.listedAt())) {
                paths.add(now.path());
            }
        }
        return paths.stream().map(after.entries()::get).filter(e -> e != null && e.kind() == Kind.DIRECTORY)
                .toList();
    }

    /** Nothing to send and nothing to delete. */
    boolean isEmpty() {
        return send.isEmpty() && delete.isEmpty();
    }
}
