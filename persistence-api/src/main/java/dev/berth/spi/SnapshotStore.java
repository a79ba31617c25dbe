package dev.berth.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where snapshots are kept: an object store of immutable, named byte objects, such as a local directory or an S3
 * bucket. Berth writes its repository format into it (content-defined chunks in pack files, an index, trees and
 * manifests; see {@code docs/repository-format.md}); a store only keeps bytes, so an implementation needs no
 * knowledge of snapshots, tar or Docker. Objects can be larger than memory: stream them.
 *
 * <p>Contract, checked by the TCK {@code dev.berth.docker.SnapshotStoreContract} that every implementation must pass:
 * <ul>
 *   <li>{@link #put} is create-only and atomic: readers see an object whole or not at all, also when the writer dies
 *       half-way; a put of a key that exists changes nothing and returns {@code false};</li>
 *   <li>{@link #list(String)} returns every key with the prefix that a completed put made and no delete removed;</li>
 *   <li>{@link #delete(String)} makes an object disappear, and is a no-op for an unknown key;</li>
 *   <li>every method is thread-safe, also across processes and machines sharing the store.</li>
 * </ul>
 * Keys are those {@link StoreKeys#require} accepts: {@code [A-Za-z0-9/._-]}, at most 200 characters, never starting
 * with {@code /} or {@code .}; a store refuses any other with an {@link IllegalArgumentException}.
 * Failures are thrown as {@link IOException}s whose message says what to do. No method returns null.
 */
public interface SnapshotStore {

    /** Where the objects are, for messages, such as {@code local:/home/me/.berth/snapshots}. */
    String location();

    /**
     * Writes an object of exactly {@code length} bytes read from {@code data}, unless one of that key exists.
     *
     * @return whether this call made the object
     * @throws IOException when the data ends early or the object cannot be written; nothing is then visible
     */
    boolean put(String key, InputStream data, long length) throws IOException;

    /** Writes the file's content as an object, as {@link #put} does; a store may move the file in (it is then gone). */
    default boolean putFile(String key, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return put(key, in, Files.size(file));
        }
    }

    /**
     * Reads an object.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such object
     */
    InputStream get(String key) throws IOException;

    /**
     * Reads {@code length} bytes of an object from {@code offset}.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such object
     * @throws java.io.EOFException when the object is shorter
     */
    InputStream get(String key, long offset, long length) throws IOException;

    /** The keys that start with {@code prefix}, in no particular order. */
    List<String> list(String prefix) throws IOException;

    /** Deletes an object; returns whether it existed. */
    boolean delete(String key) throws IOException;
}
