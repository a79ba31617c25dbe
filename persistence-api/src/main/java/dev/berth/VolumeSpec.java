package dev.berth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link PersistentVolume} is asked to be: name, driver, driver options, labels, access mode, reclaim policy,
 * and the scope of its storage when the user declares it. Immutable and thread-safe.
 */
public final class VolumeSpec {
    private final String name;
    private final String driver;
    private final Map<String, String> options;
    private final Map<String, String> labels;
    private final AccessMode accessMode;
    private final ReclaimPolicy reclaimPolicy;
    private final @Nullable String nodeId;
    private final @Nullable VolumeScope scope;

    private VolumeSpec(Settings<?> b) {
        this.scope = b.scope;
        this.name = b.name;
        this.driver = b.driver;
        this.options = Map.copyOf(b.options);
        this.labels = Map.copyOf(b.labels);
        this.accessMode = b.accessMode;
        this.reclaimPolicy = b.reclaimPolicy;
        this.nodeId = b.nodeId;
    }

    /** A builder of a spec named {@code name}. @throws InvalidNameException when Docker would reject the name */
    public static Builder builder(String name) {
        return new Builder(name);
    }


    public String name() {
        return name;
    }

    /** The volume driver or plugin, {@code "local"} by default. */
    public String driver() {
        return driver;
    }

    /** Driver options, passed through to the driver as given. */
    public Map<String, String> options() {
        return options;
    }

    /** The user's labels (Berth adds its own on top). */
    public Map<String, String> labels() {
        return labels;
    }

    public AccessMode accessMode() {
        return accessMode;
    }

    public ReclaimPolicy reclaimPolicy() {
        return reclaimPolicy;
    }

    /** The node the volume is to live on; empty means the engine Berth is connected to. */
    public Optional<String> nodeId() {
        return Optional.ofNullable(nodeId);
    }

    /**
     * The scope the user declared: {@link VolumeScope#GLOBAL} when the driver's storage is the same from every node
     * (NFS through the {@code local} driver, rclone, a cloud file system), which such drivers do not report to the
     * engine. Empty means the scope the driver reports.
     */
    public Optional<VolumeScope> scope() {
        return Optional.ofNullable(scope);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeSpec s && name.equals(s.name) && driver.equals(s.driver)
                && options.equals(s.options) && labels.equals(s.labels) && accessMode == s.accessMode
                && reclaimPolicy == s.reclaimPolicy && scope == s.scope;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, driver, options, labels, accessMode, reclaimPolicy, scope);
    }

    /** A stable text form, with maps sorted, as used in conflict messages. */
    @Override
    public String toString() {
        return "VolumeSpec[name=" + name + ", driver=" + driver + ", options=" + new TreeMap<>(options)
                + ", labels=" + new TreeMap<>(labels) + ", accessMode=" + accessMode
                + ", reclaimPolicy=" + reclaimPolicy + (scope == null ? "" : ", scope=" + scope) + "]";
    }

    /**
     * The settings of a volume spec, shared by {@link Builder} (which builds the spec) and the builder that
     * {@link Berth#volume(String)} returns (which also acts on it). Not thread-safe.
     */
    public abstract static class Settings<B extends Settings<B>> {
        private final String name;
        private String driver = "local";
        private final Map<String, String> options = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private AccessMode accessMode = AccessMode.SINGLE_WRITER;
        private ReclaimPolicy reclaimPolicy = ReclaimPolicy.RETAIN;
        private @Nullable String nodeId;
        private @Nullable VolumeScope scope;

        /** @throws InvalidNameException when Docker would reject the name */
        protected Settings(String name) {
            this.name = Names.requireValid("volume", name);
        }

        /** Any volume driver or plugin, such as {@code "local"} (the default), {@code "rexray"} or {@code "azurefile"}. */
        public B driver(String driver) {
            this.driver = Objects.requireNonNull(driver, "driver");
            return self();
        }

        /** A driver option, passed through as given. */
        public B option(String key, String value) {
            options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return self();
        }

        public B label(String key, String value) {
            labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return self();
        }

        public B accessMode(AccessMode accessMode) {
            this.accessMode = Objects.requireNonNull(accessMode, "accessMode");
            return self();
        }

        public B reclaimPolicy(ReclaimPolicy reclaimPolicy) {
            this.reclaimPolicy = Objects.requireNonNull(reclaimPolicy, "reclaimPolicy");
            return self();
        }

        /**
         * Declares where the storage is reached from: {@link VolumeScope#GLOBAL} for shared storage, whose driver
         * reports {@code local} to the engine (NFS through the {@code local} driver, rclone, a cloud file system).
         * A GLOBAL volume is created on each node where a container that mounts it runs, moves without a copy, and
         * keeps one writer across the Swarm. Without it, the scope is what the driver reports.
         */
        public B scope(VolumeScope scope) {
            this.scope = Objects.requireNonNull(scope, "scope");
            return self();
        }

        /** Creates the volume on this node's engine (a LOCAL volume's data lives there). */
        public B node(Node node) {
            this.nodeId = Objects.requireNonNull(node, "node").id();
            return self();
        }

        /** The spec as described so far. */
        public VolumeSpec spec() {
            return new VolumeSpec(this);
        }

        /** This builder, as its own type. */
        protected abstract B self();
    }

    /** Describes a volume spec; {@link #build()} makes it. Not thread-safe. */
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
        public VolumeSpec build() {
            return spec();
        }
    }

}
