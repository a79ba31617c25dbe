package dev.berth.docker.internal.volume;

import dev.berth.docker.internal.archive.ArchiveReader;
import dev.berth.docker.internal.archive.ArchiveRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes checked archive entries (as {@link ArchiveReader.Visitor}) into a new, empty volume's directory on this
 * machine ({@link HostVolume}), as the engine's extraction would: owner, then mode (so that a set-id bit survives the
 * change of owner), then modification time, and each directory's last, once its entries are in. Nothing is written
 * through a link: each entry's directory is opened from the root without following links, files are created with
 * {@code O_CREAT | O_EXCL | O_NOFOLLOW}, and a hard link must name a regular file already written. Not thread-safe.
 */
public final class HostWriter implements ArchiveReader.Visitor, AutoCloseable {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path root;
    private final DirectoryChain chain;
    private final List<ArchiveRecord> directories = new ArrayList<>();
    /**
     * What every write goes through: a chunk of up to 8 MiB written from the heap would make the JDK allocate a
     * temporary native buffer of its size, each one new page faults (measured: 4 s of kernel time per GiB restored).
     */
    private final ByteBuffer direct = ByteBuffer.allocateDirect(1 << 20);
    private @Nullable SeekableByteChannel file;
    private @Nullable ArchiveRecord current;
    private long written;

    /** A writer into {@code volume}'s directory, which must be empty. */
    public static HostWriter into(HostVolume volume) throws IOException {
        try (var entries = Files.list(volume.root())) {
            if (entries.findAny().isPresent()) {
                throw new IOException("volume directory " + volume.root() + " is not empty");
            }
        }
        return new HostWriter(volume.root());
    }

    HostWriter(Path root) {
        this.root = root;
        this.chain = new DirectoryChain(root, (path, parent, name) -> {
            if (!attributes(parent, name).isDirectory()) {
                throw new IOException("'" + path + "' is not a directory");
            }
        });
    }

    @Override
    public void entry(ArchiveRecord r) throws IOException {
        endFile();
        if (r.path().equals(".")) {
            directories.add(r);
            return;
        }
        SecureDirectoryStream<Path> parent = chain.parentOf(r.path());
        Path name = DirectoryChain.nameOf(r.path());
        Path at = root.resolve(r.path());
        switch (r.kind()) {
            case DIRECTORY -> {
                Files.createDirectory(at);
                directories.add(r);
            }
            case FILE -> {
                file = parent.newByteChannel(name, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
                        NOFOLLOW));
                current = r;
                written = 0;
            }
            case SYMLINK -> {
                Files.createSymbolicLink(at, Path.of(r.link()));
                attributes(r, at);
            }
            case HARDLINK -> {
                SecureDirectoryStream<Path> target = chain.parentOf(r.link());
                if (!attributes(target, DirectoryChain.nameOf(r.link())).isRegularFile()) {
                    throw new IOException("hard link '" + r.path() + "' names '" + r.link() + "', not a file");
                }
                Files.createLink(at, root.resolve(r.link()));
            }
            default -> throw new IOException("'" + r.path() + "' is a special file, which is never restored");
        }
    }

    @Override
    public void content(byte[] buffer, int offset, int length) throws IOException {
        if (file == null) {
            throw new IOException("content outside a file");
        }
        for (int done = 0; done < length; ) {
            int n = Math.min(length - done, direct.capacity());
            direct.clear().put(buffer, offset + done, n).flip();
            while (direct.hasRemaining()) {
                file.write(direct);
            }
            done += n;
        }
        written += length;
    }

    /** Ends the last file and gives every directory its owner, mode and time, deepest first. */
    public void finish() throws IOException {
        endFile();
        for (int i = directories.size() - 1; i >= 0; i--) {
            ArchiveRecord d = directories.get(i);
            attributes(d, d.path().equals(".") ? root : root.resolve(d.path()));
        }
        directories.clear();
    }

    @Override
    public void close() throws IOException {
        try {
            if (file != null) {
                file.close();
            }
        } finally {
            chain.close();
        }
    }

    private void endFile() throws IOException {
        if (file == null || current == null) {
            return;
        }
        file.close();
        file = null;
        if (written != current.size()) {
            throw new IOException("'" + current.path() + "' got " + written + " of its " + current.size() + " bytes");
        }
        attributes(current, root.resolve(current.path()));
        current = null;
    }

    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        return dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
    }

    /** Owner, then mode (a link has none of its own), then time, none of them through a link. */
    private static void attributes(ArchiveRecord r, Path at) throws IOException {
        Files.setAttribute(at, "unix:uid", (int) r.uid(), NOFOLLOW);
        Files.setAttribute(at, "unix:gid", (int) r.gid(), NOFOLLOW);
        if (r.kind() != ArchiveRecord.Kind.SYMLINK) {
            Files.setAttribute(at, "unix:mode", r.mode(), NOFOLLOW);
        }
        Files.getFileAttributeView(at, BasicFileAttributeView.class, NOFOLLOW)
                .setTimes(FileTime.fromMillis(r.mtime() * 1000), null, null);
    }
}
