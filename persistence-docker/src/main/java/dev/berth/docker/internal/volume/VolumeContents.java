package dev.berth.docker.internal.volume;

import dev.berth.BerthException;
import dev.berth.docker.internal.archive.ArchiveGuard;
import dev.berth.docker.internal.node.EngineContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Whether a volume holds data, told from the first entries of its archive: a helper on the volume's node streams it,
 * and the stream is closed as soon as one entry besides the volume's root is seen, so the cost does not grow with the
 * data. What {@code mkfs} leaves ({@code lost+found}) does not count.
 */
public final class VolumeContents {
    private static final Set<String> NOT_DATA = Set.of("lost+found");

    private VolumeContents() {
    }

    /** Whether the volume is empty: a first start of what mounts it, rather than a restart over existing data. */
    public static boolean isEmpty(EngineContext ctx, String volume) {
        try (ArchiveHelper helper = ArchiveHelper.reading(ctx, volume);
                InputStream tar = helper.download();
                TarArchiveInputStream entries = new TarArchiveInputStream(tar)) {
            String root = ArchiveGuard.ROOT + "/";
            for (TarArchiveEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
                String name = e.getName();
                String inside = name.startsWith(root) ? name.substring(root.length()) : name;
                String top = inside.contains("/") ? inside.substring(0, inside.indexOf('/')) : inside;
                if (!top.isEmpty() && !NOT_DATA.contains(top) && !name.equals(ArchiveGuard.ROOT)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new BerthException("Could not tell whether volume '" + volume + "' holds data: " + e.getMessage(), e);
        }
    }
}
