package dev.berth;

import java.util.Map;

/**
 * A named volume whose data outlives every container that uses it. Get one with
 * {@code berth.volume("orders-pg").create()}.
 *
 * <p>A handle, not a cache: every query asks the engine. Thread-safe.
 *
 * <pre>{@code
 * PersistentVolume data = berth.volume("orders-pg").label("team", "payments").create();
 * berth.container("orders-pg").image("postgres:16").mount(data, "/var/lib/postgresql/data").start();
 * }</pre>
 */
public interface PersistentVolume {

    String name();

    String driver();

    /** Whether the data lives on one node or is reachable from all. */
    VolumeScope scope();

    /** The user's labels, without Berth's own. */
    Map<String, String> labels();

    AccessMode accessMode();

    ReclaimPolicy reclaimPolicy();

    /** Whether Berth created this volume; false for an adopted one, which Berth never deletes implicitly. */
    boolean createdByBerth();

    /** The bytes the volume's data takes, as the engine measures it (0 for an empty volume). */
    long sizeBytes();

    /**
     * Whether the volume holds no files (what {@code mkfs} leaves, {@code lost+found}, does not count): what mounts it
     * next makes a first start, not a restart over existing data. Read from the first entries of the volume's
     * archive on its node, so it costs the same whatever the volume holds.
     */
    boolean isEmpty();

    /**
     * The node whose engine holds this volume (for a GLOBAL volume: the node it was created through); after a first use
     * bound it to another node, that node.
     */
    Node node();

    /**
     * Moves the data to another node: copies it through the Engine API to a volume of the same name and spec there,
     * verifies every file's checksum, and only then retires the source copy. A GLOBAL volume moves without a copy.
     *
     * @return the volume on the target node
     * @throws VolumeInUseException while a container uses it: move the container instead
     * @throws NodeUnavailableException when either node's engine cannot be reached
     */
    PersistentVolume moveTo(Node target);

    /**
     * Takes a snapshot with the strongest consistency that keeps writers' downtime short: {@link Consistency#STOPPED}
     * when no container writes to the volume, {@link Consistency#APPLICATION_CONSISTENT} when every writer has a
     * recipe Berth knows, otherwise {@link Consistency#CRASH_CONSISTENT}. Writers are paused while the data is read.
     *
     * @param name a name for people, such as {@code before-migration}; several snapshots may share one
     */
    Snapshot snapshot(String name);

    /**
     * Takes a snapshot at the consistency asked for, or the next weaker one Berth can give (recorded in
     * {@link Snapshot#consistency()}); writers are resumed or restarted whatever happens.
     *
     * @throws UnsafeArchiveException when the volume holds what could not be restored safely (a device node, a link
     *     pointing outside it)
     */
    Snapshot snapshot(String name, Consistency consistency);

    /** The spec this volume was created or adopted with. */
    VolumeSpec spec();

    /**
     * Deletes the volume and its data.
     *
     * @throws VolumeInUseException while any container uses it
     * @throws NotOwnedException for an adopted volume, unless {@link DeleteOption#INCLUDING_ADOPTED} is given
     */
    void delete(DeleteOption... options);

    /**
     * Describes a volume as {@link VolumeSpec.Builder} does, then acts on it: what {@link Berth} returns for
     * one. Not thread-safe.
     */
    abstract class Builder extends VolumeSpec.Settings<Builder> {
        /** @throws InvalidNameException when Docker would reject the name */
        protected Builder(String name) {
            super(name);
        }

        @Override
        protected final Builder self() {
            return this;
        }

        /**
         * Creates the volume, or returns the existing one when its spec matches. Idempotent and safe under
         * concurrency. A volume of that name that Berth did not create is adopted when its driver and options match:
         * Berth then uses it but never deletes or prunes it implicitly. On a Swarm, a LOCAL volume of the
         * {@code local} driver asked for without {@code node(...)} is found on whatever node it is, or else made on
         * the manager and bound on first use: the first container placed on another node takes it there, this handle
         * with it, while it is still empty and unused.
         *
         * @throws VolumeConflictException when a volume of that name exists with another spec
         * @throws UnknownDriverException when the driver is not installed
         */
        public abstract PersistentVolume create();
    }
}
