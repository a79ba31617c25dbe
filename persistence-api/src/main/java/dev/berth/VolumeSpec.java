package dev.berth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link PersistentVolume} is asked to be: name, driver, driver options, labels, access mode and reclaim
 * policy. Immutable and thread-safe.
 */
public final class VolumeSpec {
    private final String name;
    private final String driver;
    private final Map<String, String> options;
    private final Map<String, String> labels;
    private final AccessMode accessMode;
    private final ReclaimPolicy reclaimPolicy;
    private final @Nullable String nodeId;

    private VolumeSpec(Builder b) {
        this.name = b.name;
        this.driver = b.driver;
        this.options = Map.copyOf(b.options);
        this.labels = Map.copyOf(b.labels);
        this.accessMode = b.accessMode;
        this.reclaimPolicy = b.reclaimPolicy;
        this.nodeId = b.nodeId;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof VolumeSpec s && name.equals(s.name) && driver.equals(s.driver)
                && options.equals(s.options) && labels.equals(s.labels) && accessMode == s.accessMode
                && reclaimPolicy == s.reclaimPolicy;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, driver, options, labels, accessMode, reclaimPolicy);
    }

    /** A stable text form, with maps sorted, as used in conflict messages. */
    @Override
    public String toString() {
        return "VolumeSpec[name=" + name + ", driver=" + driver + ", options=" + new TreeMap<>(options)
                + ", labels=" + new TreeMap<>(labels) + ", accessMode=" + accessMode
                + ", reclaimPolicy=" + reclaimPolicy + "]";
    }

    /**
     * Describes a volume, then {@link #create()}s it. Get one from {@link Berth#volume(String)}. Not thread-safe;
     * {@code create()} itself is safe to call from many threads and processes at once.
     */
    public abstract static class Builder {
        private final String name;
        private String driver = "local";
        private final Map<String, String> options = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private AccessMode accessMode = AccessMode.SINGLE_WRITER;
        private ReclaimPolicy reclaimPolicy = ReclaimPolicy.RETAIN;
        private @Nullable String nodeId;

        /** @throws InvalidNameException when Docker would reject the name */
        protected Builder(String name) {
            this.name = Names.requireValid("volume", name);
        }

        /** Any volume driver or plugin, such as {@code "local"} (the default), {@code "rexray"} or {@code "azurefile"}. */
        public Builder driver(String driver) {
            this.driver = Objects.requireNonNull(driver, "driver");
            return this;
        }

        /** A driver option, passed through as given. */
        public Builder option(String key, String value) {
            options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder accessMode(AccessMode accessMode) {
            this.accessMode = Objects.requireNonNull(accessMode, "accessMode");
            return this;
        }

        public Builder reclaimPolicy(ReclaimPolicy reclaimPolicy) {
            this.reclaimPolicy = Objects.requireNonNull(reclaimPolicy, "reclaimPolicy");
            return this;
        }

        /** Creates the volume on this node's engine (a LOCAL volume's data lives there). */
        public Builder node(Node node) {
            this.nodeId = Objects.requireNonNull(node, "node").id();
            return this;
        }

        /** The spec as described so far. */
        public VolumeSpec spec() {
            return new VolumeSpec(this);
        }

        /**
         * Creates the volume, or returns the existing one when its spec matches. Idempotent and safe under
         * concurrency. A volume of that name that Berth did not create is adopted when its driver and options match:
         * Berth then uses it but never deletes or prunes it implicitly.
         *
         * @throws VolumeConflictException when a volume of that name exists with another spec
         * @throws UnknownDriverException when the driver is not installed
         */
        public abstract PersistentVolume create();
    }
}
