package dev.berth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ReplicaSet} is: how many replicas, the container template every replica is made from, the volume
 * templates each replica gets its own volume from, and where replicas may run. Immutable and thread-safe.
 */
public final class ReplicaSetSpec {
    private final String name;
    private final int replicas;
    private final Consumer<ContainerSpec.Builder> template;
    private final Map<String, String> volumeTemplates;
    private final @Nullable Placement placement;

    private ReplicaSetSpec(Builder b) {
        this.name = b.name;
        this.replicas = b.replicas;
        this.template = b.template;
        this.volumeTemplates = Map.copyOf(b.volumeTemplates);
        this.placement = b.placement;
    }

    public String name() {
        return name;
    }

    /** How many replicas {@code start()} runs. */
    public int replicas() {
        return replicas;
    }

    /** Applied to each replica's {@link ContainerSpec.Builder}: image or recipe, command, environment, ports... */
    public Consumer<ContainerSpec.Builder> template() {
        return template;
    }

    /** Volume template name to mount path; each replica gets {@code <template>-<set>-<ordinal>}. */
    public Map<String, String> volumeTemplates() {
        return volumeTemplates;
    }

    /** The name of the volume of {@code template} for the replica of {@code ordinal}, such as {@code data-cache-0}. */
    public String volumeName(String template, int ordinal) {
        return template + "-" + replicaName(ordinal);
    }

    /** The name of the replica of {@code ordinal}, such as {@code cache-0}. */
    public String replicaName(int ordinal) {
        return name + "-" + ordinal;
    }

    /** Where replicas may run, and the node labels they spread over. */
    public Optional<Placement> placement() {
        return Optional.ofNullable(placement);
    }

    @Override
    public String toString() {
        return "ReplicaSetSpec[" + name + ", replicas=" + replicas + ", volumes=" + volumeTemplates + ", placement="
                + placement + "]";
    }

    /** Builds a {@link ReplicaSetSpec}; {@link #start()} runs it. Not thread-safe. */
    public abstract static class Builder {
        private final String name;
        private int replicas = 1;
        private Consumer<ContainerSpec.Builder> template = c -> { };
        private final Map<String, String> volumeTemplates = new LinkedHashMap<>();
        private @Nullable Placement placement;

        /** @throws InvalidNameException when Docker would reject the name */
        protected Builder(String name) {
            this.name = Names.requireValid("replica set", name);
        }

        /** @throws IllegalArgumentException when negative */
        public Builder replicas(int replicas) {
            if (replicas < 0) {
                throw new IllegalArgumentException("a replica set has 0 or more replicas, not " + replicas);
            }
            this.replicas = replicas;
            return this;
        }

        /** What every replica is: {@code c -> c.recipe(new Redis())}, or {@code c -> c.image(...).command(...)}. */
        public Builder template(Consumer<ContainerSpec.Builder> template) {
            this.template = Objects.requireNonNull(template, "template");
            return this;
        }

        /** Each replica gets a volume of its own, {@code <template>-<set>-<ordinal>}, mounted at {@code path}. */
        public Builder mount(String volumeTemplate, String path) {
            Names.requireValid("volume template", volumeTemplate);
            if (volumeTemplates.containsKey(volumeTemplate)) {
                throw new IllegalArgumentException("volume template '" + volumeTemplate + "' is mounted already, at "
                        + volumeTemplates.get(volumeTemplate));
            }
            volumeTemplates.put(volumeTemplate, Objects.requireNonNull(path, "path"));
            return this;
        }

        /** Where replicas may run; combined with earlier placements and spreads. */
        public Builder placement(Placement placement) {
            Objects.requireNonNull(placement, "placement");
            this.placement = this.placement == null ? placement : this.placement.and(placement);
            return this;
        }

        /** Replicas spread evenly over the values of this node label, such as zones. */
        public Builder spread(String labelKey) {
            return placement(Placement.spread(labelKey));
        }

        public ReplicaSetSpec spec() {
            return new ReplicaSetSpec(this);
        }

        /**
         * Starts every replica, each on its own volumes, and returns once all are ready.
         *
         * @throws NodeUnavailableException when a node is down that may hold the data of a replica
         */
        public abstract ReplicaSet start();
    }
}
