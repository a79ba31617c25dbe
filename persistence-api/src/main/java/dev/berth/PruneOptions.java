package dev.berth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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

    private PruneOptions(Builder b) {
        this.labels = Map.copyOf(b.labels);
        this.includeRunning = b.includeRunning;
        this.includeVolumes = b.includeVolumes;
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

    @Override
    public String toString() {
        return "PruneOptions[labels=" + labels + ", includeRunning=" + includeRunning + ", includeVolumes="
                + includeVolumes + "]";
    }

    /** Builds {@link PruneOptions}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String> labels = new LinkedHashMap<>();
        private boolean includeRunning;
        private boolean includeVolumes;

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

        public Builder includeVolumes(boolean includeVolumes) {
            this.includeVolumes = includeVolumes;
            return this;
        }

        public PruneOptions build() {
            return new PruneOptions(this);
        }
    }
}
