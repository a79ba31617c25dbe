package dev.berth;

/** The engine's own restart policy for a container, as in {@code docker run --restart}. */
public enum RestartPolicy {
    NO,
    ON_FAILURE,
    UNLESS_STOPPED,
    ALWAYS
}
