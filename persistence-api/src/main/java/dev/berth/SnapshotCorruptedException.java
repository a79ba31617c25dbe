package dev.berth;

import java.util.List;

/**
 * A snapshot's data does not match its checksums: the store's copy was damaged (a disk error, a truncated or
 * tampered file). The files named by {@link #damagedFiles()} cannot be restored from it; take a new snapshot, or use
 * another copy (an export) of this one.
 */
public class SnapshotCorruptedException extends BerthException {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 10;
    private final String snapshotId;
    private final List<String> damagedFiles;

    public SnapshotCorruptedException(String snapshotId, List<String> damagedFiles, String detail) {
        super("Snapshot '" + snapshotId + "' is damaged: " + damagedFiles.size() + " file(s) do not match their "
                + "checksums" + (damagedFiles.isEmpty() ? "" : ", " + shown(damagedFiles)) + " (" + detail + "). "
                + "Nothing was restored from it: use another copy of it (an export), or take a new snapshot.");
        this.snapshotId = snapshotId;
        this.damagedFiles = List.copyOf(damagedFiles);
    }

    private static String shown(List<String> files) {
        return files.size() <= SHOWN ? files.toString()
                : files.subList(0, SHOWN) + " and " + (files.size() - SHOWN) + " more";
    }

    public String snapshotId() {
        return snapshotId;
    }

    /** The damaged files' paths, relative to the volume's root, in archive order. */
    public List<String> damagedFiles() {
        return damagedFiles;
    }
}
