package dev.berth.docker.internal.snapshot;

import dev.berth.spi.SnapshotStore;
import dev.berth.spi.StoreKeys;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.io.input.BoundedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link SnapshotStore}: one file per object under a root directory ({@code ~/.berth/snapshots} unless
 * configured), a key's slashes its subdirectories. A put writes a hidden temporary file, forces it to disk, and links
 * it to its name, which fails when the name exists: objects are create-only and whole, also after a crash. Leftover
 * temporary files older than {@link #ABANDONED} are removed on opening. Thread-safe, also across processes.
 */
public final class LocalSnapshotStore implements SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSnapshotStore.class);
    static final String TEMPORARY = ".tmp";
    /** Temporary files older than this are leftovers of a put that crashed; a live one is younger. */
    static final Duration ABANDONED = Duration.ofHours(6);

    private final Path root;

    public LocalSnapshotStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        removeAbandoned();
    }

    private void removeAbandoned() {
        Path tmp = root.resolve(TEMPORARY);
        if (!Files.isDirectory(tmp)) {
            return;
        }
        Instant before = Instant.now().minus(ABANDONED);
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path f : files.toList()) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
                    Files.deleteIfExists(f);
                    LOG.info("Removed {}, left by a write to the snapshot store that did not finish", f);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not clean abandoned writes in {}: {}", tmp, e.getMessage());
        }
    }

    @Override
    public String location() {
        return "local:" + root;
    }

    @Override
    public boolean put(String key, InputStream data, long length) throws IOException {
        Path target = pathOf(key);
        if (Files.exists(target)) {
            return false;
        }
        Path tmp = temporary();
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                long copied = BoundedInputStream.builder().setInputStream(data).setMaxCount(length).get()
                        .transferTo(Channels.newOutputStream(out));
                if (copied != length) {
                    throw new EOFException("the data for '" + key + "' has " + copied + " bytes, not " + length);
                }
                out.force(true);
            }
            return link(target, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Links the file in when it is on the same file system (no copy); else copies it. */
    @Override
    public boolean putFile(String key, Path file) throws IOException {
        Path target = pathOf(key);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            return link(target, file);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException | UnsupportedOperationException otherFileSystem) {
            return SnapshotStore.super.putFile(key, file);
        }
    }

    private boolean link(Path target, Path file) throws IOException {
        Files.createDirectories(target.getParent());
        try {
            Files.createLink(target, file);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        forceDirectory(target.getParent());
        return true;
    }

    @Override
    public InputStream get(String key) throws IOException {
        return Files.newInputStream(existing(key));
    }

    @Override
    public InputStream get(String key, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(existing(key), StandardOpenOption.READ);
        if (offset < 0 || length < 0 || offset + length > channel.size()) {
            channel.close();
            throw new EOFException("'" + key + "' has " + channel.size() + " bytes, fewer than " + (offset + length));
        }
        channel.position(offset);
        return BoundedInputStream.builder().setInputStream(Channels.newInputStream(channel)).setMaxCount(length).get();
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        int slash = prefix.lastIndexOf('/');
        Path dir = slash < 0 ? root : pathOf(prefix.substring(0, slash));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                String key = root.relativize(f).toString();
                if (key.startsWith(prefix) && !key.startsWith(TEMPORARY)) {
                    keys.add(key);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e.getCause();
            }
            // a directory removed while it was listed: list again
            return list(prefix);
        }
        return keys;
    }

    @Override
    public boolean delete(String key) throws IOException {
        return Files.deleteIfExists(pathOf(key));
    }

    private Path existing(String key) throws NoSuchFileException {
        Path p = pathOf(key);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(location() + "/" + key, null, "no such object in the snapshot store");
        }
        return p;
    }

    private Path pathOf(String key) {
        return root.resolve(StoreKeys.require(key));
    }

    private Path temporary() throws IOException {
        Path dir = root.resolve(TEMPORARY);
        Files.createDirectories(dir);
        return Files.createFile(dir.resolve(UUID.randomUUID().toString()));
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the link itself survives a crash
        } catch (IOException e) {
            // not every file system can force a directory; the file itself is forced already
        }
    }

    @Override
    public String toString() {
        return location();
    }
}
