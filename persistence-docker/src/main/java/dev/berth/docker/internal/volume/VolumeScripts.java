package dev.berth.docker.internal.volume;

import dev.berth.docker.internal.archive.ArchiveGuard;
import dev.berth.docker.internal.volume.VolumeListing.Listed;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shell scripts a move runs in its helpers, next to the data, and the reading of what they print. Every path is
 * relative to the volume's root, as {@link VolumeListing} lists it, and is single-quoted, so that any name (spaces,
 * quotes, a leading dash) is one argument. They need sh, find, sha256sum, cp, mkdir, rm, chown, chmod and touch.
 */
final class VolumeScripts {
    /** Where the source's helper gathers what a move sends again, in its own file system (never the volume). */
    static final String STAGE = "/tmp/berth-stage";
    static final String NEEDS = "sh, find, sha256sum, cp, mkdir, rm, chown, chmod and touch";
    private static final int PER_LINE = 200;

    private VolumeScripts() {
    }

    /** Hashes these files of the volume. */
    static String hash(Collection<String> paths) {
        StringBuilder script = new StringBuilder("set -e\ncd " + ArchiveHelper.MOUNT + "\n");
        int onLine = 0;
        for (String path : paths) {
            script.append(onLine == 0 ? "sha256sum" : "").append(' ').append(quote("./" + path));
            if (++onLine == PER_LINE) {
                script.append('\n');
                onLine = 0;
            }
        }
        return script.append('\n').toString();
    }

    /**
     * Copies these entries of the volume, each whole, under {@link #STAGE}, in a directory named as the volume's root
     * in the helper's archives, so that the engine's archive of it extracts into the target volume as it is.
     */
    static String stage(List<String> paths) {
        String root = STAGE + "/" + ArchiveGuard.ROOT;
        StringBuilder script = new StringBuilder("set -e\nrm -rf " + STAGE + "\nmkdir -p " + root + "\n");
        for (String path : paths) {
            int slash = path.lastIndexOf('/');
            if (slash > 0) {
                script.append("mkdir -p ").append(quote(root + "/" + path.substring(0, slash))).append('\n');
            }
            script.append("cp -a ").append(quote(ArchiveHelper.MOUNT + "/" + path)).append(' ')
                    .append(quote(root + "/" + path)).append('\n');
        }
        return script.toString();
    }

    /** Deletes these entries of the volume, each whole. */
    static String delete(List<String> paths) {
        StringBuilder script = new StringBuilder("set -e\ncd " + ArchiveHelper.MOUNT + "\n");
        paths.forEach(p -> script.append("rm -rf ").append(quote("./" + p)).append('\n'));
        return script.toString();
    }

    /** Gives these directories of the volume their owner, mode and modification time. */
    static String restoreDirectories(Collection<Listed> directories) {
        StringBuilder script = new StringBuilder("set -e\ncd " + ArchiveHelper.MOUNT + "\n");
        for (Listed d : directories) {
            String path = quote(d.path().equals(".") ? "." : "./" + d.path());
            script.append("chown ").append(d.uid()).append(':').append(d.gid()).append(' ').append(path)
                    .append(" && chmod ").append(String.format("%04o", d.mode())).append(' ').append(path)
                    .append(" && touch -c -d @").append(d.mtime()).append(' ').append(path).append('\n');
        }
        return script.toString();
    }

    /**
     * What {@code sha256sum} printed, by path relative to the volume's root; GNU's escaped form of a name with a
     * backslash in it is read back too.
     */
    static Map<String, String> sums(String out) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            boolean escaped = line.startsWith("\\");
            String rest = escaped ? line.substring(1) : line;
            if (rest.length() < 67 || rest.charAt(64) != ' ') {
                continue;
            }
            String path = rest.substring(66);
            if (escaped) {
                path = unescape(path);
            }
            sums.put(path.startsWith("./") ? path.substring(2) : path, rest.substring(0, 64));
        }
        return sums;
    }

    private static String unescape(String path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length()) {
                char next = path.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
