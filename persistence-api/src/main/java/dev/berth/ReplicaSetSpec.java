package dev.berth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ReplicaSet} is: how many replicas, the container template every replica is made from, the volume
 * templates each replica gets its own volume from, and where replicas may run. Immutable and thread-safe.
 */
public final class ReplicaSetSpec {
    private final String name;
    private final int replicas;
    private final Consumer<ContainerSpec.Settings<?>> template;
    private final @Nullable BiConsumer<ContainerSpec.Settings<?>, StatefulContainer> replicaTemplate;
    private final Map<String, String> volumeTemplates;
    private final @Nullable Placement placement;

    private ReplicaSetSpec(Settings<?> b) {
        this.name = b.name;
        this.replicas = b.replicas;
        this.template = b.template;
        this.replicaTemplate = b.replicaTemplate;
        this.volumeTemplates = Map.copyOf(b.volumeTemplates);
        this.placement = b.placement;
    }

    /** A builder of a spec named {@code name}. @throws InvalidNameException when Docker would reject the name */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** How many replicas {@code start()} runs. */
    public int replicas() {
        return replicas;
    }

    /** Applied to each replica's {@link ContainerSpec.Settings}: image or recipe, command, environment, ports... */
    public Consumer<ContainerSpec.Settings<?>> template() {
        return template;
    }

    /**
     * What the replicas other than the primary are, given the primary, when they differ from it (a standby of it,
     * say); empty when every replica is {@link #template()}.
     */
    public Optional<BiConsumer<ContainerSpec.Settings<?>, StatefulContainer>> replicaTemplate() {
        return Optional.ofNullable(replicaTemplate);
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

    /**
     * The settings of a replicaset spec, shared by {@link Builder} (which builds the spec) and the builder that
     * {@link Berth#replicaSet(String)} returns (which also acts on it). Not thread-safe.
     */
    public abstract static class Settings<B extends Settings<B>> {
        private final String name;
        private int replicas = 1;
        private Consumer<ContainerSpec.Settings<?>> template = c -> { };
        private @Nullable BiConsumer<ContainerSpec.Settings<?>, StatefulContainer> replicaTemplate;
        private final Map<String, String> volumeTemplates = new LinkedHashMap<>();
        private @Nullable Placement placement;

        /** @throws InvalidNameException when Docker would reject the name */
        protected Settings(String name) {
            this.name = Names.requireValid("replica set", name);
        }

        /** @throws IllegalArgumentException when negative */
        public B replicas(int replicas) {
            if (replicas < 0) {
                throw new IllegalArgumentException("a replica set has 0 or more replicas, not " + replicas);
            }
            this.replicas = replicas;
            return self();
        }

        /** What every replica is: {@code c -> c.recipe(new Redis())}, or {@code c -> c.image(...).command(...)}. */
        public B template(Consumer<ContainerSpec.Settings<?>> template) {
            this.template = Objects.requireNonNull(template, "template");
            return self();
        }

        /**
         * What the replicas other than the primary are, given the primary, for recipes with roles:
         * {@code (c, primary) -> c.recipe(postgres.standbyOf(primary))}. The primary (ordinal 0, until another is
         * promoted) is made by {@link #template}; with this set, every other replica by this instead, when it starts
         * (after a promotion, from the new primary).
         */
        public B replicaTemplate(BiConsumer<ContainerSpec.Settings<?>, StatefulContainer> replicaTemplate) {
            this.replicaTemplate = Objects.requireNonNull(replicaTemplate, "replicaTemplate");
            return self();
        }

        /** Each replica gets a volume of its own, {@code <template>-<set>-<ordinal>}, mounted at {@code path}. */
        public B mount(String volumeTemplate, String path) {
            Names.requireValid("volume template", volumeTemplate);
            if (volumeTemplates.containsKey(volumeTemplate)) {
                throw new IllegalArgumentException("volume template '" + volumeTemplate + "' is mounted already, at "
                        + volumeTemplates.get(volumeTemplate));
            }
            volumeTemplates.put(volumeTemplate, Objects.requireNonNull(path, "path"));
            return self();
        }

        /** Where replicas may run; combined with earlier placements and spreads. */
        public B placement(Placement placement) {
            Objects.requireNonNull(placement, "placement");
            this.placement = this.placement == null ? placement : this.placement.and(placement);
            return self();
        }

        /** Replicas spread evenly over the values of this node label, such as zones. */
        public B spread(String labelKey) {
            return placement(Placement.spread(labelKey));
        }

        public ReplicaSetSpec spec() {
            return new ReplicaSetSpec(this);
        }

        /** This builder, as its own type. */
        protected abstract B self();
    }

    /** Describes a replicaset spec; {@link #build()} makes it. Not thread-safe. */
    public static final class Builder extends Settings<Builder> {
        /** @throws InvalidNameException when Docker would reject the name */
        Builder(String name) {
            super(name);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The immutable spec. */
        public ReplicaSetSpec build() {
            return spec();
        }
    }

}
