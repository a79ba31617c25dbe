package dev.berth.docker.internal.snapshot;

import dev.berth.docker.internal.archive.ArchiveReader;
import dev.berth.docker.internal.archive.ArchiveRecord;
import dev.berth.docker.internal.archive.ProgressMeter;
import dev.berth.docker.internal.node.EngineContext;
import dev.berth.docker.internal.repository.SnapshotWriter;
import dev.berth.docker.internal.repository.TreeEntry;
import dev.berth.docker.internal.volume.VolumeListing.Listed;
import dev.berth.docker.internal.volume.VolumeListing.Listing;
import dev.berth.docker.internal.volume.ArchiveHelper;
import dev.berth.docker.internal.volume.HostVolume;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a volume into a repository snapshot. A file whose kind, size, mode, owner, modification and change time and
 * inode match the parent snapshot's entry (and that did not change in the second the parent was listed) is taken
 * from the parent unread. When only a few files changed, each of those travels alone through the engine and
 * everything else comes from the listing; otherwise the volume's whole archive streams, and only the changed files'
 * content is chunked and hashed.
 */
final class RepositoryCapture {
    /** Above this many changed files, one stream of the whole volume beats a request per file. */
    static final int FILES_ONE_BY_ONE = 256;

    /** What the capture read: entries, their bytes, how many files and bytes were read, and how. */
    record Captured(long entries, long sizeBytes, long filesRead, long bytesRead, String how) {
    }

    private final EngineContext ctx;
    private final @Nullable ArchiveHelper helper;
    private final SnapshotWriter writer;
    private final Map<String, TreeEntry> parent;
    private final long parentListedAt;
    private final @Nullable Listing listing;
    private final ProgressMeter meter;
    /** One buffer for every file read on its own. */
    private final byte[] buffer = new byte[1 << 20];
    private long filesRead;
    private long bytesRead;

    RepositoryCapture(EngineContext ctx, @Nullable ArchiveHelper helper, SnapshotWriter writer, Map<String, TreeEntry> parent,
            long parentListedAt, Optional<Listing> listing, ProgressMeter meter) {
        this.ctx = ctx;
        this.helper = helper;
        this.writer = writer;
        this.parent = parent;
        this.parentListedAt = parentListedAt;
        this.listing = listing.orElse(null);
        this.meter = meter;
    }

    /** Whether few enough files changed to read them one by one . */
    boolean readsOneByOne() {
        return listing != null && !parent.isEmpty() && oneByOneWorthIt(listing);
    }

    /** Reads each changed file alone, everything else from the listing and the parent. */
    Captured oneByOne() throws IOException {
        for (Listed l : listing.entries().values()) {
            oneByOne(l);
        }
        return captured("one by one through the engine");
    }

    /** Reads each changed file straight from the volume's directory on this machine, everything else as above. */
    Captured fromHost(HostVolume host) throws IOException {
        for (Listed l : listing.entries().values()) {
            Optional<TreeEntry> same = l.kind() == ArchiveRecord.Kind.DIRECTORY ? Optional.empty() : unchanged(l);
            if (same.isPresent()) {
                writer.entry(same.get());
            } else if (l.kind() == ArchiveRecord.Kind.FILE) {
                try (InputStream in = host.open(l.path())) {
                    writer.entry(read(listed(l, ""), in, l));
                }
            } else {
                String link = l.kind() == ArchiveRecord.Kind.SYMLINK ? host.link(l.path()) : "";
                writer.entry(new TreeEntry(listed(l, link), l.inode(), l.ctime(), List.of()));
            }
        }
        return captured("from its directory on this host");
    }

    private Captured captured(String how) {
        return new Captured(writer.entries(), writer.sizeBytes(), filesRead, bytesRead, how);
    }

    private static ArchiveRecord listed(Listed l, String link) {
        return new ArchiveRecord(l.path(), l.kind(), l.mode(), l.uid(), l.gid(), l.mtime(),
                l.kind() == ArchiveRecord.Kind.FILE ? l.size() : 0, link, "");
    }

    /** Reads the volume's whole archive, as {@link ArchiveHelper#download()} gives it; unchanged files stream past. */
    Captured whole(InputStream archive) throws IOException {
        try (InputStream download = meter.counting(archive)) {
            ArchiveReader reader = new ArchiveReader(new BufferedInputStream(download, 1 << 17));
            for (ArchiveRecord r = reader.nextHeader(); r != null; r = reader.nextHeader()) {
                whole(reader, r);
            }
            download.transferTo(java.io.OutputStream.nullOutputStream()); // the tar's trailing blocks
        }
        return captured("as one archive through the engine");
    }

    /** Few enough changed files, and none that a per-file copy would change (hard links, special files). */
    private boolean oneByOneWorthIt(Listing listing) {
        int changed = 0;
        for (Listed l : listing.entries().values()) {
            if (l.kind() == ArchiveRecord.Kind.SPECIAL || l.kind() == ArchiveRecord.Kind.FILE && l.links() > 1) {
                return false;
            }
            if (l.kind() != ArchiveRecord.Kind.DIRECTORY && unchanged(l).isEmpty() && ++changed > FILES_ONE_BY_ONE) {
                return false;
            }
        }
        return true;
    }

    /** The parent's entry for a listed file or link that has not changed since. */
    private Optional<TreeEntry> unchanged(@Nullable Listed l) {
        if (l == null || listing == null) {
            return Optional.empty();
        }
        TreeEntry before = parent.get(l.path());
        if (before == null || before.inode() == 0) {
            return Optional.empty();
        }
        ArchiveRecord r = before.record();
        boolean same = r.kind() == l.kind() && r.mode() == l.mode() && r.uid() == l.uid() && r.gid() == l.gid()
                && r.mtime() == l.mtime() && before.inode() == l.inode() && before.ctime() == l.ctime()
                && (l.kind() != ArchiveRecord.Kind.FILE || r.size() == l.size())
                && l.ctime() < parentListedAt - 1 && writer.has(before.chunks());
        return same ? Optional.of(before) : Optional.empty();
    }

    private void oneByOne(Listed l) throws IOException {
        if (l.kind() == ArchiveRecord.Kind.DIRECTORY) {
            writer.entry(new TreeEntry(listed(l, ""), l.inode(), l.ctime(), List.of()));
            return;
        }
        Optional<TreeEntry> same = unchanged(l);
        if (same.isPresent()) {
            writer.entry(same.get());
            return;
        }
        String where = ArchiveHelper.MOUNT + "/" + l.path();
        try (InputStream in = meter.counting(ctx.engine().download(helper.id(), where));
                TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(in, 1 << 16),
                        java.nio.charset.StandardCharsets.UTF_8.name())) {
            TarArchiveEntry e = tar.getNextEntry();
            ArchiveRecord.Kind kind = e == null ? null : e.isSymbolicLink() ? ArchiveRecord.Kind.SYMLINK
                    : e.isFile() ? ArchiveRecord.Kind.FILE : null;
            if (kind != l.kind()) {
                throw new IOException("'" + l.path() + "' changed while the snapshot was taken; take it again");
            }
            ArchiveRecord r = ArchiveRecord.of(e, l.path(), kind, kind == ArchiveRecord.Kind.SYMLINK ? e.getLinkName()
                    : "");
            writer.entry(kind == ArchiveRecord.Kind.FILE ? read(r, tar, l) : new TreeEntry(r, l.inode(), l.ctime(),
                    List.of()));
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private void whole(ArchiveReader reader, ArchiveRecord r) throws IOException {
        Listed l = listing == null ? null : listing.entries().get(r.path());
        long inode = l == null ? 0 : l.inode();
        long ctime = l == null ? 0 : l.ctime();
        if (r.kind() != ArchiveRecord.Kind.FILE) {
            writer.entry(new TreeEntry(r, inode, ctime, List.of()));
            return;
        }
        Optional<TreeEntry> same = unchanged(l).filter(t -> t.record().size() == r.size());
        if (same.isPresent()) {
            writer.entry(new TreeEntry(r.withSha256(same.get().record().sha256()), inode, ctime, same.get().chunks()));
            return; // its content streams past unread
        }
        SnapshotWriter.FileContent content = writer.file();
        reader.content(r, false, new ArchiveReader.Visitor() {
            @Override
            public void content(byte[] buffer, int offset, int length) throws IOException {
                content.write(buffer, offset, length);
            }
        });
        SnapshotWriter.Written written = content.finish();
        filesRead++;
        bytesRead += r.size();
        writer.entry(new TreeEntry(r.withSha256(written.sha256()), inode, ctime, written.chunks()));
    }

    private TreeEntry read(ArchiveRecord r, InputStream content, Listed l) throws IOException {
        SnapshotWriter.FileContent file = writer.file();
        long total = 0;
        for (int n = content.read(buffer); n > 0; n = content.read(buffer)) {
            file.write(buffer, 0, n);
            total += n;
        }
        if (total != r.size()) {
            throw new IOException("'" + r.path() + "' ended after " + total + " of " + r.size() + " bytes");
        }
        SnapshotWriter.Written written = file.finish();
        filesRead++;
        bytesRead += total;
        return new TreeEntry(r.withSha256(written.sha256()), l.inode(), l.ctime(), written.chunks());
    }
}
