package dev.berth.docker.internal.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes checked entries as a fresh tar for the engine to extract: names are rebuilt from the checked relative paths
 * under {@link ArchiveGuard#ROOT}, so what is sent is exactly what was checked, never the input's own bytes. Owner,
 * permission bits and modification time are kept; extended attributes are not. Not thread-safe.
 */
public final class ArchiveWriter implements ArchiveReader.Visitor {
    private final TarArchiveOutputStream tar;
    private boolean inEntry;

    public ArchiveWriter(OutputStream out) {
        tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    @Override
    public void entry(ArchiveRecord r) throws IOException {
        closeEntry();
        TarArchiveEntry e = tarEntry(r);
        tar.putArchiveEntry(e);
        inEntry = true;
    }

    /** The tar entry of a record, named under {@link ArchiveGuard#ROOT}: what is written is exactly what was checked. */
    public static TarArchiveEntry tarEntry(ArchiveRecord r) {
        String name = r.path().equals(".") ? ArchiveGuard.ROOT : ArchiveGuard.ROOT + "/" + r.path();
        TarArchiveEntry e = switch (r.kind()) {
            case DIRECTORY -> new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
            case FILE -> new TarArchiveEntry(name, TarConstants.LF_NORMAL);
            case SYMLINK -> new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            case HARDLINK -> new TarArchiveEntry(name, TarConstants.LF_LINK);
            case SPECIAL -> throw new IllegalArgumentException("special files are never written: " + r.path());
        };
        if (r.kind() == ArchiveRecord.Kind.SYMLINK) {
            e.setLinkName(r.link());
        } else if (r.kind() == ArchiveRecord.Kind.HARDLINK) {
            e.setLinkName(ArchiveGuard.ROOT + "/" + r.link());
        }
        e.setMode(r.mode());
        e.setUserId(r.uid());
        e.setGroupId(r.gid());
        e.setModTime(r.mtime() * 1000);
        e.setSize(r.size());
        return e;
    }

    @Override
    public void content(byte[] buffer, int offset, int length) throws IOException {
        tar.write(buffer, offset, length);
    }

    /** Ends the archive; the stream underneath stays open. */
    public void finish() throws IOException {
        closeEntry();
        tar.finish();
    }

    private void closeEntry() throws IOException {
        if (inEntry) {
            tar.closeArchiveEntry();
            inEntry = false;
        }
    }
}
