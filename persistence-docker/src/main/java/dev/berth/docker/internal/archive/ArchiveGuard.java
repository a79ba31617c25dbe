package dev.berth.docker.internal.archive;

import dev.berth.UnsafeArchiveException.Reason;
import dev.berth.UnsafeArchiveException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Checks each entry of a volume archive before it is written, in archive order (a restore streams: the entries
 * before a refused one may have been written, and the restore then undoes them): every entry must lie
 * under the single root directory {@value #ROOT}, and must not reach outside it by an absolute path, a {@code ..},
 * a link that points outside or at the root itself, or a path through a symbolic link made earlier in the archive;
 * device nodes and FIFOs are refused. Remembers only the archive's symbolic links. One per archive; not thread-safe.
 */
public final class ArchiveGuard {
    public static final String ROOT = "berth-volume";

    /** The archive's symbolic links so far: path to target. */
    private final Map<String, String> symlinks = new LinkedHashMap<>();

    /** The entry as a record (without checksum), or an {@link UnsafeArchiveException} saying why it is refused. */
    ArchiveRecord check(TarArchiveEntry e) {
        String name = e.getName();
        String path = relative(name, name);
        ArchiveRecord.Kind kind = kindOf(e);
        if (path.equals(".") && kind != ArchiveRecord.Kind.DIRECTORY) {
            throw new UnsafeArchiveException(name, Reason.LINK_TO_ROOT, "the volume's root must be a directory");
        }
        requireNotThroughSymlink(name, path);
        String link = "";
        if (kind == ArchiveRecord.Kind.SYMLINK) {
            link = e.getLinkName();
            checkSymlinkTarget(name, path, link);
            symlinks.put(path, link);
            recheckEarlierLinks(name, path);
        } else if (kind == ArchiveRecord.Kind.HARDLINK) {
            link = hardlinkTarget(name, e.getLinkName());
        }
        return ArchiveRecord.of(e, path, kind, link);
    }

    /**
     * Checks a record that did not come from a tar (a repository tree's entry) as its tar entry would be checked: the
     * same refusals, and the record must be the one its entry gives back.
     */
    public ArchiveRecord check(ArchiveRecord r) {
        if (r.kind() == ArchiveRecord.Kind.SPECIAL) {
            throw new UnsafeArchiveException(r.path(), Reason.SPECIAL_FILE,
                    "device nodes and FIFOs are never restored into a volume");
        }
        ArchiveRecord checked;
        try {
            checked = check(ArchiveWriter.tarEntry(r));
        } catch (IllegalArgumentException malformed) {
            throw new UnsafeArchiveException(r.path(), Reason.OUTSIDE_ROOT, "the entry is malformed: "
                    + malformed.getMessage());
        }
        if (!checked.equals(r.withSha256(""))) {
            throw new UnsafeArchiveException(r.path(), Reason.OUTSIDE_ROOT, "the entry is malformed: its path or link "
                    + "is not in its plain form");
        }
        return r;
    }

    /** {@code berth-volume/a/b} is {@code a/b}; the root itself is {@code .}. */
    static String relative(String entry, String name) {
        if (name.startsWith("/")) {
            throw new UnsafeArchiveException(entry, Reason.ABSOLUTE_PATH, "'" + name + "' is an absolute path");
        }
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        String[] parts = trimmed.split("/", -1);
        for (String part : parts) {
            if (part.equals("..")) {
                throw new UnsafeArchiveException(entry, Reason.PARENT_REFERENCE, "'" + name + "' climbs with '..'");
            }
            if (part.isEmpty() || part.equals(".") || part.indexOf('\0') >= 0) {
                throw new UnsafeArchiveException(entry, Reason.OUTSIDE_ROOT, "'" + name + "' is not a plain path");
            }
        }
        if (!parts[0].equals(ROOT)) {
            throw new UnsafeArchiveException(entry, Reason.OUTSIDE_ROOT,
                    "'" + name + "' is not under the archive's root directory '" + ROOT + "/'");
        }
        return parts.length == 1 ? "." : trimmed.substring(ROOT.length() + 1);
    }

    private static ArchiveRecord.Kind kindOf(TarArchiveEntry e) {
        ArchiveRecord.Kind kind = ArchiveRecord.Kind.of(e);
        if (kind != ArchiveRecord.Kind.SPECIAL) {
            return kind;
        }
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            throw new UnsafeArchiveException(e.getName(), Reason.SPECIAL_FILE,
                    "device nodes and FIFOs are never restored into a volume");
        }
        throw new UnsafeArchiveException(e.getName(), Reason.UNSUPPORTED, "this kind of tar entry is not restored");
    }

    private void requireNotThroughSymlink(String entry, String path) {
        for (int slash = path.indexOf('/'); ; slash = path.indexOf('/', slash + 1)) {
            String prefix = slash < 0 ? path : path.substring(0, slash);
            if (symlinks.containsKey(prefix)) {
                throw new UnsafeArchiveException(entry, Reason.THROUGH_LINK,
                        "it would be written through the symbolic link '" + prefix + "'");
            }
            if (slash < 0) {
                return;
            }
        }
    }

    /** Resolves the target lexically from the link's directory: it must stay inside and not be the root. */
    private void checkSymlinkTarget(String entry, String path, String target) {
        if (target.isEmpty() || target.startsWith("/")) {
            throw new UnsafeArchiveException(entry, Reason.LINK_ESCAPES,
                    "symbolic link to '" + target + "': only relative targets inside the volume are restored");
        }
        Deque<String> at = new ArrayDeque<>();
        int lastSlash = path.lastIndexOf('/');
        if (lastSlash > 0) {
            for (String part : path.substring(0, lastSlash).split("/")) {
                at.addLast(part);
            }
        }
        String[] parts = target.split("/");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (at.pollLast() == null) {
                    throw new UnsafeArchiveException(entry, Reason.LINK_ESCAPES,
                            "symbolic link to '" + target + "' points outside the volume");
                }
                continue;
            }
            at.addLast(part);
            if (i < parts.length - 1 && symlinks.containsKey(String.join("/", at))) {
                throw new UnsafeArchiveException(entry, Reason.THROUGH_LINK,
                        "symbolic link to '" + target + "' passes through another symbolic link");
            }
        }
        if (at.isEmpty()) {
            throw new UnsafeArchiveException(entry, Reason.LINK_TO_ROOT,
                    "symbolic link to '" + target + "' points at the volume's root itself");
        }
    }

    /**
     * A new link can change where an earlier one leads: {@code a/b/s -> t/../../../x} is inside until
     * {@code a/b/t -> ..} arrives, and then climbs out through it. Every earlier link is checked again.
     */
    private void recheckEarlierLinks(String entry, String newLink) {
        symlinks.forEach((path, target) -> {
            if (!path.equals(newLink)) {
                try {
                    checkSymlinkTarget(path, path, target);
                } catch (UnsafeArchiveException e) {
                    throw new UnsafeArchiveException(entry, Reason.THROUGH_LINK, "the symbolic link '" + newLink
                            + "' would make the earlier link '" + path + "' (to '" + target + "') lead through it");
                }
            }
        });
    }

    private String hardlinkTarget(String entry, String target) {
        String path;
        try {
            path = relative(entry, target);
        } catch (UnsafeArchiveException e) {
            throw new UnsafeArchiveException(entry, Reason.LINK_ESCAPES,
                    "hard link to '" + target + "' points outside the volume");
        }
        if (path.equals(".")) {
            throw new UnsafeArchiveException(entry, Reason.LINK_TO_ROOT, "hard link to the volume's root itself");
        }
        requireNotThroughSymlink(entry, path);
        return path;
    }
}
