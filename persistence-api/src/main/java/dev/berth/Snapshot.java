package dev.berth;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A consistent, verifiable copy of one volume's data: every file with its ownership, mode and modification time,
 * and a SHA-256 checksum per file. Take one with {@link PersistentVolume#snapshot(String)}; find them with
 * {@link Berth#snapshots()}.
 *
 * <p>A handle on a stored snapshot: immutable and thread-safe. Its data streams through the engine and the store,
 * so memory stays flat whatever the volume's size. No method returns null.
 *
 * <pre>{@code
 * Snapshot before = data.snapshot("before-migration");
 * before.verify();                                   // re-hashes every file
 * PersistentVolume copy = before.restore("orders-pg-copy");
 * before.exportTo(Path.of("/backups/orders-pg.berth"));
 * }</pre>
 */
public interface Snapshot {

    /** Unique within its store, assigned when it is taken, kept through export and import. */
    String id();

    /** The name given when it was taken; several snapshots may share one. */
    String name();

    /** The name of the volume it was taken of. */
    String volume();

    Instant createdAt();

    /** The bytes of the files it holds (their content, without archive overhead). */
    long sizeBytes();

    /**
     * The bytes this snapshot added to its store: its new chunks, compressed, with its tree. A snapshot of data the
     * store already holds adds little; one of the older archive format adds its whole archive.
     */
    long storedBytes();

    /** {@code sha256:<hex>} over the per-file checksum list: equal for snapshots of identical data and metadata. */
    String checksum();

    /** The level it got, which may be weaker than the one asked for; see {@link Consistency}. */
    Consistency consistency();

    /** How long the writers were paused or stopped while it was taken (zero when none ran). */
    Duration downtime();

    /** The source volume's labels when it was taken. */
    Map<String, String> labels();

    /**
     * Restores the data into a new volume of that name, with the source volume's driver, options, labels, access
     * mode and reclaim policy. The restore streams in one pass: each archive entry is checked before it is written
     * (an entry that would reach outside the volume is never written), and if the restore fails for any reason, the
     * new volume is deleted again, so no volume of that name is left behind.
     *
     * @throws VolumeConflictException when a volume of that name exists
     * @throws UnsafeArchiveException when an entry would write outside the volume
     * @throws SnapshotCorruptedException when a file's checksum does not match
     */
    PersistentVolume restore(String newVolumeName);

    /**
     * Replaces the source volume's data with this snapshot's (creating the volume if it is gone). The snapshot is
     * verified completely before the volume is touched.
     *
     * @throws VolumeInUseException while any container runs with the volume mounted read-write: stop it first
     * @throws SnapshotCorruptedException when a file's checksum does not match (the volume is then untouched)
     */
    PersistentVolume restoreInPlace();

    /**
     * Re-reads the whole snapshot and re-hashes every file.
     *
     * @throws SnapshotCorruptedException naming every damaged file
     */
    void verify();

    /** Deletes it from its store; does nothing if it is already gone. */
    void delete();

    /**
     * Writes it to one portable file, for {@link Snapshots#importFrom(Path)} on any machine.
     *
     * @throws BerthException when the file exists (it is never overwritten) or cannot be written
     */
    void exportTo(Path file);
}
