package dev.berth;

/**
 * How consistent a {@link Snapshot}'s copy of a volume is with respect to the containers that write to it, from the
 * weakest to the strongest. A volume no container writes to is always copied {@link #STOPPED}: its data is at rest.
 *
 * <p>While the data is read, writers are paused or stopped, so the writers' downtime grows with the volume's size
 * (the time to read it through the engine); each {@link Snapshot} records the level it got and that downtime.
 * Immutable and thread-safe.
 */
public enum Consistency {
    /**
     * The writers are paused (frozen, not stopped) while the data is read: the copy is what a power cut would have
     * left on disk, which a database recovers from with its own journal.
     */
    CRASH_CONSISTENT,
    /**
     * The {@link Recipe#quiesce(StatefulContainer) recipe's quiesce hook} runs first (a checkpoint, a flush), then the
     * writers are paused while the data is read. Needs the writer's recipe, which Berth knows only for containers made
     * through it in this process; for any other writer the snapshot falls back to {@link #CRASH_CONSISTENT}.
     * The default for a volume written by a container with a recipe.
     */
    APPLICATION_CONSISTENT,
    /** The writers are stopped gracefully, the data is read, and they are started again. */
    STOPPED;

    /** Whether this level is at least as strong as {@code other}. */
    public boolean isAtLeast(Consistency other) {
        return compareTo(other) >= 0;
    }
}
