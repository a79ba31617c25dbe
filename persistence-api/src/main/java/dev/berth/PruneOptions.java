package dev.berth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Berth#prune(PruneOptions)} removes. Only ever what Berth created; adopted volumes are never pruned.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * berth.prune(PruneOptions.builder().label("dev.berth.test-run", runId).includeVolumes(true).build());
 * }</pre>
 */
public final class PruneOptions {
    private final Map<String, String> labels;
    private final boolean includeRunning;
    private final boolean includeVolumes;
    private final @Nullable Duration retiredOlderThan;

    private PruneOptions(Builder b) {
        this.labels = Map.copyOf(b.labels);
        this.includeRunning = b.includeRunning;
        this.includeVolumes = b.includeVolumes;
        this.retiredOlderThan = b.retiredOlderThan;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Only what carries all of these labels. */
    public Map<String, String> labels() {
        return labels;
    }

    /** Whether running containers are removed too (by default only stopped ones). */
    public boolean includeRunning() {
        return includeRunning;
    }

    /** Whether unused volumes Berth created are deleted too, with their data (by default they stay). */
    public boolean includeVolumes() {
        return includeVolumes;
    }

    /**
     * The grace period after which the source copies that moves retired ({@code <name>.retired-<time>}, on the node
     * the data left) are deleted; empty (the default) keeps them.
     */
    public Optional<Duration> retiredOlderThan() {
        return Optional.ofNullable(retiredOlderThan);
    }

    @Override
    public String toString() {
        return "PruneOptions[labels=" + labels + ", includeRunning=" + includeRunning + ", includeVolumes="
                + includeVolumes + ", retiredOlderThan=" + retiredOlderThan + "]";
    }

    /** Builds {@link PruneOptions}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String> labels = new LinkedHashMap<>();
        private boolean includeRunning;
        private boolean includeVolumes;
        private @Nullable Duration retiredOlderThan;

        private Builder() {
        }

        public Builder label(String key, String value) {
            labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder includeRunning(boolean includeRunning) {
            this.includeRunning = includeRunning;
            return this;
        }

        /** Also deletes unused volumes Berth created; a move's retired source copy only by {@link #retiredOlderThan}. */
        public Builder includeVolumes(boolean includeVolumes) {
            this.includeVolumes = includeVolumes;
            return this;
        }

        /**
         * Deletes the source copies moves retired once they are older than {@code gracePeriod}, and only while every
         * node of the Swarm is up: a node that is down may hold the copy the volume moved to.
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder retiredOlderThan(Duration gracePeriod) {
            if (gracePeriod.isNegative()) {
                throw new IllegalArgumentException("a grace period cannot be negative: " + gracePeriod);
            }
            this.retiredOlderThan = gracePeriod;
            return this;
        }

        public PruneOptions build() {
            return new PruneOptions(this);
        }
    }
}
