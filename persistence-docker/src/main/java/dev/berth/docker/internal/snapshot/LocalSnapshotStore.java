package dev.berth.docker.internal.snapshot;

import dev.berth.spi.SnapshotStore;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The default {@link SnapshotStore}: one directory per snapshot under a root ({@code ~/.berth/snapshots} unless
 * configured), holding {@value #MANIFEST}, {@value #ARCHIVE} and {@value #CHECKSUMS}. Drafts are written in a
 * hidden directory, forced to disk, and renamed into place on commit, so a snapshot is there completely or not at all,
 * also after a crash. Deletion renames first, then removes. Thread-safe.
 */
final class LocalSnapshotStore implements SnapshotStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalSnapshotStore.class);
    static final String MANIFEST = "manifest.properties";
    static final String ARCHIVE = "archive.tar";
    static final String CHECKSUMS = "checksums.txt";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    private final Path root;

    /** Drafts older than this are leftovers of a write that crashed; a live one is younger. */
    static final java.time.Duration ABANDONED = java.time.Duration.ofHours(6);

    LocalSnapshotStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        removeAbandonedDrafts();
    }

    /** A write that crashed leaves its draft behind; it is never a snapshot (only a commit makes one), so it goes. */
    private void removeAbandonedDrafts() {
        if (!Files.isDirectory(root)) {
            return;
        }
        java.time.Instant before = java.time.Instant.now().minus(ABANDONED);
        try (var drafts = Files.newDirectoryStream(root, ".draft-*")) {
            for (Path draft : drafts) {
                if (Files.getLastModifiedTime(draft).toInstant().isBefore(before)) {
                    deleteTree(draft);
                    LOG.info("Removed the draft {} of a snapshot write that did not finish", draft.getFileName());
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not clean abandoned drafts in {}: {}", root, e.getMessage());
        }
    }

    static String fileOf(Part part) {
        return part == Part.ARCHIVE ? ARCHIVE : CHECKSUMS;
    }

    @Override
    public String location() {
        return "local:" + root;
    }

    @Override
    public Draft create(String id) throws IOException {
        requireValid(id);
        Files.createDirectories(root);
        return new LocalSnapshotDraft(Files.createTempDirectory(root, ".draft-" + id + "-"), root.resolve(id));
    }

    @Override
    public List<Stored> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Stored> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, p -> !p.getFileName().toString().startsWith("."))) {
            for (Path dir : dirs) {
                read(dir).ifPresent(found::add);
            }
        }
        return found;
    }

    @Override
    public Optional<Stored> find(String id) throws IOException {
        return ID.matcher(id).matches() ? read(root.resolve(id)) : Optional.empty();
    }

    private Optional<Stored> read(Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(MANIFEST))) {
            return Optional.of(new Stored(dir.getFileName().toString(), PropertiesText.read(in)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(String id, Part part) throws IOException {
        // A FileInputStream skips by seeking, which a check of headers only relies on to be quick.
        return new FileInputStream(committed(id).resolve(fileOf(part)).toFile());
    }

    @Override
    public long size(String id, Part part) throws IOException {
        return Files.size(committed(id).resolve(fileOf(part)));
    }

    private Path committed(String id) throws NoSuchFileException {
        if (!ID.matcher(id).matches() || !Files.isRegularFile(root.resolve(id).resolve(MANIFEST))) {
            throw new NoSuchFileException(root.resolve(id).toString(), null, "no snapshot '" + id + "' in " + root);
        }
        return root.resolve(id);
    }

    @Override
    public boolean delete(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return false;
        }
        Path gone = root.resolve(".deleting-" + id + "-" + UUID.randomUUID());
        try {
            Files.move(root.resolve(id), gone, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return false;
        }
        deleteTree(gone);
        return true;
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void requireValid(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a snapshot id: use up to 128 of [A-Za-z0-9._-], "
                    + "not starting with '.'");
        }
    }

    /** Thrown by a draft's commit when the id is taken. */
    static FileAlreadyExistsException taken(Path target) {
        return new FileAlreadyExistsException(target.toString(), null, "a snapshot with this id exists");
    }

    @Override
    public String toString() {
        return location();
    }
}
