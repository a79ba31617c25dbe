package dev.berth;

import java.util.List;

/**
 * N ordinal replicas of one container template, {@code name-0} to {@code name-(N-1)}, each with volumes of its own
 * ({@code data-name-0}, ...) that stay with that ordinal for good: a replica always comes back on its own data, on the
 * node where that data lives. Get one with {@code berth.replicaSet("name")...start()}. Thread-safe: operations on one
 * set are serialised.
 *
 * <pre>{@code
 * ReplicaSet cache = berth.replicaSet("cache").replicas(3).mount("data", "/data")
 *         .template(c -> c.recipe(new Redis())).spread("zone").start();
 * cache.scale(2);            // cache-2 is removed; its volume data-cache-2 is kept
 * cache.scale(3);            // cache-2 comes back, on its old data, on its old node
 * cache.rollingRecreate();   // one at a time, each ready before the next
 * }</pre>
 */
public interface ReplicaSet {

    String name();

    ReplicaSetSpec spec();

    /** How many replicas run now. */
    int size();

    /** The replicas, by ordinal. */
    List<StatefulContainer> replicas();

    /**
     * The replica of this ordinal.
     *
     * @throws IllegalArgumentException when the set has no such ordinal
     */
    StatefulContainer replica(int ordinal);

    /**
     * Starts the replicas up to {@code replicas} (each new ordinal on its own data, found again when it exists), or
     * removes those at and above it. Scaling down never deletes a volume: a later scale-up finds the data again.
     *
     * @throws IllegalArgumentException when {@code replicas} is negative
     * @throws NodeUnavailableException when a node is down that may hold the data of an ordinal to start
     */
    ReplicaSet scale(int replicas);

    /** Recreates every replica, one at a time, each ready before the next; the primary goes last. */
    void rollingRecreate();

    /** The replica that takes writes: ordinal 0 until another is promoted. */
    StatefulContainer primary();

    /**
     * Makes {@code replica} the one {@link #primary()} returns. Berth records the role; a recipe's own replication
     * (a Postgres standby's promotion, say) is the recipe's to do.
     *
     * @throws IllegalArgumentException when it is not a replica of this set
     */
    void promote(StatefulContainer replica);

    /** Removes every replica's container; the volumes are kept (remove them with {@link PersistentVolume#delete(DeleteOption...)}). */
    void remove();

    /**
     * Describes a replica set as {@link ReplicaSetSpec.Builder} does, then acts on it: what {@link Berth} returns for
     * one. Not thread-safe.
     */
    abstract class Builder extends ReplicaSetSpec.Settings<Builder> {
        /** @throws InvalidNameException when Docker would reject the name */
        protected Builder(String name) {
            super(name);
        }

        @Override
        protected final Builder self() {
            return this;
        }

        /** Starts every replica on its own volumes, spread as the spec says; returns once all are ready. */
        public abstract ReplicaSet start();
    }
}
