package dev.berth.docker.internal.snapshot;

import dev.berth.spi.SnapshotStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.Map;

/** A snapshot being written into a hidden directory of a {@link LocalSnapshotStore}. Not thread-safe. */
final class LocalSnapshotDraft implements SnapshotStore.Draft {
    private final Path dir;
    private final Path target;
    private final Map<SnapshotStore.Part, ForcedFile> parts = new EnumMap<>(SnapshotStore.Part.class);
    private boolean committed;

    LocalSnapshotDraft(Path dir, Path target) {
        this.dir = dir;
        this.target = target;
    }

    @Override
    public OutputStream open(SnapshotStore.Part part) throws IOException {
        if (parts.containsKey(part) || committed) {
            throw new IllegalStateException(part + " of draft " + target.getFileName() + " was already written");
        }
        ForcedFile file = new ForcedFile(dir.resolve(LocalSnapshotStore.fileOf(part)));
        parts.put(part, file);
        return file;
    }

    @Override
    public void commit(Map<String, String> manifest) throws IOException {
        for (SnapshotStore.Part part : SnapshotStore.Part.values()) {
            ForcedFile file = parts.get(part);
            if (file == null) {
                throw new IOException(part + " of snapshot " + target.getFileName() + " was never written");
            }
            file.close();
        }
        try (FileChannel channel = FileChannel.open(dir.resolve(LocalSnapshotStore.MANIFEST),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            PropertiesText.write(manifest, Channels.newOutputStream(channel));
            channel.force(true);
        }
        if (Files.exists(target)) {
            throw LocalSnapshotStore.taken(target);
        }
        Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
        try (FileChannel parent = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            parent.force(true); // the rename itself survives a crash
        } catch (IOException | UnsupportedOperationException e) {
            // not every file system can force a directory; the data files are forced already
        }
    }

    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        for (ForcedFile file : parts.values()) {
            file.abandon();
        }
        LocalSnapshotStore.deleteTree(dir);
    }
}
