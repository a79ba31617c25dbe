package dev.berth;

/**
 * Who may write to a volume at once. Berth enforces it before any container starts, from the engine's own state,
 * so it holds across threads, processes and restarts.
 *
 * <p>How {@link #SINGLE_WRITER} is kept: the volume's writer lock is a container named {@code berth-lock.<volume>}
 * on the node that holds the volume, created (never started, mounting nothing) by the writer before it starts. An
 * engine lets only one container hold a name, so of any number of threads, JVMs or hosts starting writers at the
 * same moment, exactly one gets the lock; the others get an {@link ExclusiveAccessException} naming the holder. It
 * is one lock for every way a container runs: a plain container holds it while it runs, is paused or restarting; a
 * container run as a Swarm service holds it while its service wants a task, so that Swarm's own restarts of the task
 * stay its writer's. {@code stop()} and {@code remove()} release it at once. A holder that crashed (its container
 * gone or exited, its service gone) is released as soon as another writer asks, once the lock is older than a few
 * seconds by the engine's clock (the time a start takes; never the JVM's clock). A writer that Berth did not start,
 * which holds no lock, still refuses a start while it runs.
 *
 * <p>A {@link VolumeScope#GLOBAL} volume on a Swarm is reached from every node, so a lock on one node would not see a
 * writer on another: its lock is a Swarm config of the same name in the managers' replicated store, which also lets
 * only one config hold a name, labelled with the holder and its node. The holder's liveness is judged on that node,
 * by the manager's clock; a holder on a node that is down stays the holder (it may come back with its node) until a
 * failover makes sure it cannot. While a move takes a LOCAL volume to another node, no other writer takes it.
 */
public enum AccessMode {
    /** One writing container at a time; any number of read-only mounts. The default. */
    SINGLE_WRITER,
    /** Many writers at once: only for software that coordinates its own writers. */
    MULTI_WRITER,
    /** Read-only mounts only. */
    READ_ONLY_MANY
}
