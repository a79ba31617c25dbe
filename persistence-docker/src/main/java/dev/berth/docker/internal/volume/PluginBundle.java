package dev.berth.docker.internal.volume;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** A plugin bundle folder as the tar {@code POST /plugins/create} takes: its files, links and modes, streamed. */
final class PluginBundle {
    private PluginBundle() {
    }

    static void writeTar(Path bundle, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(bundle)) {
            paths = walk.filter(p -> !p.equals(bundle)).sorted().toList();
        }
        for (Path path : paths) {
            String name = bundle.relativize(path).toString().replace('\\', '/');
            TarArchiveEntry entry;
            if (Files.isSymbolicLink(path)) {
                entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                entry.setLinkName(Files.readSymbolicLink(path).toString());
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                entry = new TarArchiveEntry(name + "/");
            } else {
                entry = new TarArchiveEntry(name);
                entry.setSize(Files.size(path));
            }
            entry.setMode(mode(path, entry));
            tar.putArchiveEntry(entry);
            if (entry.isFile() && !entry.isSymbolicLink()) {
                Files.copy(path, tar);
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }

    private static int mode(Path path, TarArchiveEntry entry) throws IOException {
        int type = entry.getMode() & 0170000;
        if (entry.isSymbolicLink()) {
            return type | 0777;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        int bits = 0;
        for (PosixFilePermission p : perms) {
            bits |= 1 << (8 - p.ordinal());
        }
        return type | bits;
    }
}
