package dev.berth;

/**
 * Who may write to a volume at once. Berth enforces it before any container starts, from the engine's own state,
 * so it holds across threads, processes and restarts.
 */
public enum AccessMode {
    /** One writing container at a time; any number of read-only mounts. The default. */
    SINGLE_WRITER,
    /** Many writers at once: only for software that coordinates its own writers. */
    MULTI_WRITER,
    /** Read-only mounts only. */
    READ_ONLY_MANY
}
