package dev.berth;

/** What happens to a volume when the containers that use it are removed. */
public enum ReclaimPolicy {
    /** The volume and its data stay until deleted explicitly. The default. */
    RETAIN,
    /** The volume is deleted with the last container that uses it, if Berth created it. */
    DELETE
}
