package dev.berth.docker.internal.archive;

import dev.berth.docker.internal.common.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a volume archive entry by entry as it streams: each header is checked by an {@link ArchiveGuard} before a
 * {@link Visitor} sees it, and each file's content is hashed on the way. Holds one buffer, whatever the archive's
 * size. Not thread-safe.
 */
public final class ArchiveReader {
    private static final int BUFFER = 1 << 18;

    /** Receives checked entries and their content, in archive order. */
    public interface Visitor {
        Visitor NONE = new Visitor() {
        };

        /** An entry whose header passed the checks, before its content. */
        default void entry(ArchiveRecord header) throws IOException {
        }

        default void content(byte[] buffer, int offset, int length) throws IOException {
        }
    }

    private final TarArchiveInputStream tar;
    private final ArchiveGuard guard = new ArchiveGuard();
    private final MessageDigest sha = Sha256.digest();
    private final byte[] buffer = new byte[BUFFER];

    public ArchiveReader(InputStream archive) {
        this.tar = new TarArchiveInputStream(archive, StandardCharsets.UTF_8.name());
    }

    /**
     * The next entry, checked; with {@code hash}, files carry their SHA-256. Null at the end of the archive.
     *
     * @throws dev.berth.UnsafeArchiveException for an entry that must not be restored
     * @throws IOException when the archive cannot be read on
     */
    public @Nullable ArchiveRecord next(boolean hash, Visitor visitor) throws IOException {
        ArchiveRecord header = nextHeader();
        if (header == null) {
            return null;
        }
        visitor.entry(header);
        if (header.kind() != ArchiveRecord.Kind.FILE || !hash && visitor == Visitor.NONE) {
            return header;
        }
        return content(header, hash, visitor);
    }

    /**
     * The next entry's checked header, its content not read: {@link #content} reads it, or the next call skips it.
     * Null at the end of the archive.
     */
    public @Nullable ArchiveRecord nextHeader() throws IOException {
        TarArchiveEntry entry = tar.getNextEntry();
        return entry == null ? null : guard.check(entry);
    }

    /** Reads the content of the file whose header {@link #nextHeader()} gave, to the visitor; with its SHA-256. */
    public ArchiveRecord content(ArchiveRecord header, boolean hash, Visitor visitor) throws IOException {
        long read = 0;
        for (int n = tar.read(buffer, 0, buffer.length); n > 0; n = tar.read(buffer, 0, buffer.length)) {
            if (hash) {
                sha.update(buffer, 0, n);
            }
            visitor.content(buffer, 0, n);
            read += n;
        }
        if (read != header.size()) {
            throw new IOException("the archive ends inside '" + header.path() + "' (" + read + " of " + header.size()
                    + " bytes)");
        }
        return hash ? header.withSha256(Sha256.hex(sha.digest())) : header;
    }
}
