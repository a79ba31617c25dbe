package dev.berth.docker.internal.volume;

import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.engine.EngineInfo;
import dev.berth.docker.internal.engine.VolumeInfo;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.volume.VolumeListing.Listed;
import dev.berth.docker.internal.volume.VolumeListing.Listing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A volume read straight from its directory on this machine, with no helper container and no archive through the
 * engine. Only for a plain {@code local} volume (no driver options: a device or NFS mount is there only while a
 * container uses it) of an engine that answers on a unix socket, calls itself by this machine's host name and does not
 * remap containers' users, when the mount point is a directory Berth may read: the nodes of a Swarm are other hosts, even when (as in the test
 * cluster) their data happens to be on this disk, and their volumes always go through their own engines. Switched
 * off with {@code -Dberth.hostMount=false}.
 *
 * <p>It only reads, and never through a symbolic link: directories and files are opened relative to their parent with
 * {@code O_NOFOLLOW} ({@link SecureDirectoryStream}), and what is stat'ed by path is checked to be the same inode as
 * what was opened, so a container that swaps a directory for a link to the host's files gets a failed snapshot, never
 * a host file in it. Not thread-safe.
 */
public final class HostVolume implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostVolume.class);
    private static final String ATTRIBUTES = "unix:mode,uid,gid,ino,ctime,nlink,size,lastModifiedTime,fileKey";
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path root;
    private final Map<String, Object> keys = new HashMap<>();
    private Map<String, Listed> listed = Map.of();
    /** The directories open for reading, from the root down to the last file's, each checked to be the one listed. */
    private final DirectoryChain chain;

    HostVolume(Path root) {
        this.root = root;
        this.chain = new DirectoryChain(root, (path, parent, name) -> {
            Object key = parent.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes()
                    .fileKey();
            if (!Objects.equals(key, keys.get(path))) {
                throw changed(path);
            }
        });
    }

    /**
     * Whether this process may write the volume's directory as the engine would: as root, which alone may give each
     * file its owner.
     */
    public boolean writable() {
        try {
            return Files.isWritable(root) && Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"),
                    "unix:uid"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Where the volume's data is on this machine. */
    public Path root() {
        return root;
    }

    /** The volume's directory here, when it may be read directly (see above). */
    public static Optional<HostVolume> of(EngineContext ctx, String volume) {
        if (!Boolean.parseBoolean(System.getProperty("berth.hostMount", "true"))
                || !ctx.engine().endpoint().startsWith("unix://")
                || !"UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"))) {
            return Optional.empty();
        }
        VolumeInfo v = ctx.engine().inspectVolume(volume).orElse(null);
        if (v == null || !v.driver().equals("local") || !v.options().isEmpty() || v.mountpoint().isEmpty()) {
            return Optional.empty();
        }
        Path root = Path.of(v.mountpoint());
        try {
            String here = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            EngineInfo engine = ctx.engine().info();
            if (!engine.name().equals(here) || engine.remapsUsers() || !Files.isDirectory(root)
                    || !Files.isReadable(root)) {
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(new HostVolume(root));
    }

    /**
     * Every entry, each directory before its entries, names in byte order (as the engine's archive gives them).
     * Empty when a file cannot be taken on its own (a hard link, a device or FIFO) or a name cannot be read back
     * (bytes that are not UTF-8): the volume then goes through the engine.
     */
    public Optional<Listing> list() throws IOException {
        long listedAt = System.currentTimeMillis() / 1000;
        Map<String, Listed> entries = new LinkedHashMap<>();
        keys.clear();
        try (SecureDirectoryStream<Path> dir = DirectoryChain.open(root)) {
            Map<String, Object> a = Files.readAttributes(root, ATTRIBUTES);
            entries.put(".", listed(".", a));
            keys.put(".", a.get("fileKey"));
            listed = entries;
            return walk(dir, root, "", entries) ? Optional.of(new Listing(listedAt, entries)) : Optional.empty();
        }
    }

    /** A listed file's content, opened without following any link and checked to be the file listed. */
    public InputStream open(String path) throws IOException {
        SecureDirectoryStream<Path> dir = chain.parentOf(path);
        Path name = DirectoryChain.nameOf(path);
        BasicFileAttributes a = dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
        Listed l = listed.get(path);
        if (!Objects.equals(a.fileKey(), keys.get(path)) || l == null || a.size() != l.size()
                || seconds(a.lastModifiedTime()) != l.mtime()) {
            throw changed(path);
        }
        return Channels.newInputStream(dir.newByteChannel(name, Set.of(StandardOpenOption.READ, NOFOLLOW)));
    }

    /** A listed symbolic link's target, checked to be read from the link listed. */
    public String link(String path) throws IOException {
        Path at = root.resolve(path);
        Object before = Files.readAttributes(at, BasicFileAttributes.class, NOFOLLOW).fileKey();
        String target = Files.readSymbolicLink(at).toString();
        Object after = Files.readAttributes(at, BasicFileAttributes.class, NOFOLLOW).fileKey();
        if (!Objects.equals(before, keys.get(path)) || !Objects.equals(after, before)) {
            throw changed(path);
        }
        return target;
    }

    @Override
    public void close() throws IOException {
        chain.close();
    }

    private boolean walk(SecureDirectoryStream<Path> dir, Path at, String prefix, Map<String, Listed> out)
            throws IOException {
        List<Path> names = new ArrayList<>();
        dir.forEach(p -> names.add(p.getFileName()));
        names.sort((x, y) -> Arrays.compareUnsigned(x.toString().getBytes(StandardCharsets.UTF_8),
                y.toString().getBytes(StandardCharsets.UTF_8)));
        for (Path name : names) {
            String path = prefix + name;
            if (path.indexOf('\uFFFD') >= 0) {
                LOG.info("Volume directory {} has a name that is not UTF-8; it is read through the engine", root);
                return false;
            }
            Object key = dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes()
                    .fileKey();
            Map<String, Object> a = Files.readAttributes(at.resolve(name), ATTRIBUTES, NOFOLLOW);
            if (!Objects.equals(key, a.get("fileKey"))) {
                throw changed(path);
            }
            Listed l = listed(path, a);
            if (l.kind() == ArchiveRecord.Kind.SPECIAL || l.kind() == ArchiveRecord.Kind.FILE && l.links() > 1) {
                return false;
            }
            out.put(path, l);
            keys.put(path, key);
            if (l.kind() == ArchiveRecord.Kind.DIRECTORY) {
                try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(name, NOFOLLOW)) {
                    if (!walk(sub, at.resolve(name), path + "/", out)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static IOException changed(String path) {
        return new IOException("'" + path + "' changed while the snapshot was taken; take it again");
    }

    private static Listed listed(String path, Map<String, Object> a) {
        int mode = (Integer) a.get("mode");
        return new Listed(path, VolumeListing.kindOf(mode), mode & 07777, Integer.toUnsignedLong((Integer) a.get("uid")),
                Integer.toUnsignedLong((Integer) a.get("gid")),
                seconds(a.get("lastModifiedTime")), seconds(a.get("ctime")), (Long) a.get("ino"),
                (Long) a.get("size"), (Integer) a.get("nlink"));
    }

    private static long seconds(Object time) {
        return Math.floorDiv(((FileTime) time).toMillis(), 1000);
    }
}
