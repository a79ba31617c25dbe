package dev.berth.docker.internal.snapshot;

import dev.berth.spi.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Format-1 snapshots in an object store, laid out as the local directory store always kept them:
 * {@code <id>/archive.tar}, {@code <id>/checksums.txt} and, put last, {@code <id>/manifest.properties}, whose presence
 * makes the snapshot. Parts are spooled to temporary files while they stream, then put. Deletion removes the manifest
 * first. Thread-safe.
 */
final class StoredArchives implements ArchiveStore {
    static final String MANIFEST = "manifest.properties";
    static final String ARCHIVE = "archive.tar";
    static final String CHECKSUMS = "checksums.txt";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    private final SnapshotStore store;

    StoredArchives(SnapshotStore store) {
        this.store = store;
    }

    private static String key(String id, String file) {
        return id + "/" + file;
    }

    private static String fileOf(Part part) {
        return part == Part.ARCHIVE ? ARCHIVE : CHECKSUMS;
    }

    @Override
    public String location() {
        return store.location();
    }

    @Override
    public Draft create(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a snapshot id: use [A-Za-z0-9._-], 1 to 128");
        }
        return new SpooledDraft(id);
    }

    @Override
    public List<Stored> list() throws IOException {
        List<Stored> found = new ArrayList<>();
        for (String key : store.list("")) {
            if (key.endsWith("/" + MANIFEST) && key.indexOf('/') == key.length() - MANIFEST.length() - 1) {
                find(key.substring(0, key.indexOf('/'))).ifPresent(found::add);
            }
        }
        return found;
    }

    @Override
    public Optional<Stored> find(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        try (InputStream in = store.get(key(id, MANIFEST))) {
            return Optional.of(new Stored(id, PropertiesText.read(in)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(String id, Part part) throws IOException {
        if (find(id).isEmpty()) {
            throw new NoSuchFileException(location() + "/" + id, null, "no such snapshot");
        }
        return store.get(key(id, fileOf(part)));
    }

    @Override
    public long size(String id, Part part) throws IOException {
        long size = 0;
        try (InputStream in = open(id, part)) {
            size = in.transferTo(OutputStream.nullOutputStream());
        }
        return size;
    }

    @Override
    public boolean delete(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return false;
        }
        boolean existed = store.delete(key(id, MANIFEST));
        store.delete(key(id, ARCHIVE));
        store.delete(key(id, CHECKSUMS));
        return existed;
    }

    @Override
    public String toString() {
        return location();
    }

    /** Parts in temporary files until the commit puts them, the manifest last. */
    private final class SpooledDraft implements Draft {
        private final String id;
        private final Map<Part, Path> parts = new EnumMap<>(Part.class);
        private final Map<Part, OutputStream> streams = new EnumMap<>(Part.class);

        SpooledDraft(String id) {
            this.id = id;
        }

        @Override
        public synchronized OutputStream open(Part part) throws IOException {
            if (parts.containsKey(part)) {
                throw new IllegalStateException("part " + part + " of draft " + id + " is written once");
            }
            Path file = Files.createTempFile("berth-" + id + "-", "." + part.name().toLowerCase());
            parts.put(part, file);
            OutputStream out = new ForcedFile(replace(file));
            streams.put(part, out);
            return out;
        }

        private Path replace(Path file) throws IOException {
            Files.delete(file); // ForcedFile creates it anew
            return file;
        }

        @Override
        public void commit(Map<String, String> manifest) throws IOException {
            if (find(id).isPresent()) {
                throw new FileAlreadyExistsException(location() + "/" + id, null, "a snapshot of that id exists");
            }
            for (Part part : Part.values()) {
                OutputStream out;
                synchronized (this) {
                    out = streams.get(part);
                }
                if (out == null) {
                    open(part).close();
                } else {
                    out.close();
                }
                String key = key(id, fileOf(part));
                if (!store.putFile(key, parts.get(part))) {
                    // a part that a commit which crashed before its manifest left: no snapshot owns it
                    store.delete(key);
                    if (!store.putFile(key, parts.get(part))) {
                        throw new FileAlreadyExistsException(location() + "/" + key, null, "written meanwhile");
                    }
                }
            }
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            PropertiesText.write(manifest, text);
            if (!store.put(key(id, MANIFEST), new ByteArrayInputStream(text.toByteArray()), text.size())) {
                throw new FileAlreadyExistsException(location() + "/" + id, null, "a snapshot of that id exists");
            }
        }

        @Override
        public synchronized void close() throws IOException {
            for (OutputStream out : streams.values()) {
                out.close();
            }
            for (Path file : parts.values()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
