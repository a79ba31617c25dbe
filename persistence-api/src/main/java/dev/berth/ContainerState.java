package dev.berth;

/** A container's state as the engine reports it. */
public enum ContainerState {
    CREATED,
    RUNNING,
    PAUSED,
    RESTARTING,
    REMOVING,
    EXITED,
    DEAD,
    /** No container exists for it now (never started, or removed). */
    ABSENT
}
