package dev.berth;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The snapshots in the connection's {@link dev.berth.spi.SnapshotStore}: listed, found, imported and pruned by a
 * {@link Retention} rule. Get it from {@link Berth#snapshots()}. Thread-safe; lists are newest first, never null.
 *
 * <pre>{@code
 * berth.snapshots().retain("orders-pg", Retention.keepLast(7).and(Retention.newerThan(Duration.ofDays(30))));
 * }</pre>
 */
public interface Snapshots {

    /** Every snapshot in the store, newest first. */
    List<Snapshot> list();

    /** The snapshots taken of the volume of that name, newest first. */
    List<Snapshot> forVolume(String volumeName);

    /** The snapshots whose source volume carried the label, newest first. */
    List<Snapshot> withLabel(String key, String value);

    Optional<Snapshot> find(String id);

    /**
     * Brings back a snapshot written by {@link Snapshot#exportTo(Path)}, checking every entry and every checksum
     * before it is kept. Importing the same snapshot twice returns the one already there.
     *
     * @throws UnsafeArchiveException when an entry would write outside a volume on restore
     * @throws SnapshotCorruptedException when the file is damaged
     */
    Snapshot importFrom(Path file);

    /**
     * Deletes the volume's snapshots that the rule does not keep.
     *
     * @return the snapshots deleted, newest first
     */
    List<Snapshot> retain(String volumeName, Retention rule);

    /**
     * Re-reads every stored chunk, like restic's {@code check --read-data}, and every format-1 archive, and names the
     * damaged snapshots and files. Nothing is changed.
     */
    CheckReport check();

    /**
     * The fast check: reads the index and every snapshot's tree, not the data, and names the snapshots and files whose
     * chunks the store has lost.
     */
    CheckReport checkIndex();
}
