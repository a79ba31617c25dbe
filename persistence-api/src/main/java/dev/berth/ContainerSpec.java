package dev.berth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link StatefulContainer} is: image, command, environment, secrets, mounts, ports and readiness.
 * Immutable and thread-safe; {@link #toString()} never shows a secret's value.
 */
public final class ContainerSpec {
    private final String name;
    private final String image;
    private final List<String> command;
    private final Map<String, String> env;
    private final Map<String, Secret> secretEnv;
    private final List<VolumeMount> mounts;
    private final List<String> tmpfs;
    private final List<Integer> ports;
    private final @Nullable String user;
    private final Map<String, String> labels;
    private final RestartPolicy restartPolicy;
    private final Readiness readiness;
    private final Duration stopTimeout;
    private final @Nullable Recipe recipe;
    private final @Nullable Placement placement;

    private ContainerSpec(Builder b) {
        this.name = b.name;
        this.image = Objects.requireNonNull(b.image, () -> "container '" + b.name + "' needs an image: call image(...)");
        this.command = List.copyOf(b.command);
        this.env = Map.copyOf(b.env);
        this.secretEnv = Map.copyOf(b.secretEnv);
        this.mounts = List.copyOf(b.mounts);
        this.tmpfs = List.copyOf(b.tmpfs);
        this.ports = List.copyOf(b.ports);
        this.user = b.user;
        this.labels = Map.copyOf(b.labels);
        this.restartPolicy = b.restartPolicy;
        this.readiness = b.readiness;
        this.stopTimeout = b.stopTimeout;
        this.recipe = b.recipe;
        this.placement = b.placement;
    }

    public String name() {
        return name;
    }

    public String image() {
        return image;
    }

    /** The command, or empty for the image's default. */
    public List<String> command() {
        return command;
    }

    public Map<String, String> env() {
        return env;
    }

    /** Environment variables whose values are secret: never logged, never in labels or messages. */
    public Map<String, Secret> secretEnv() {
        return secretEnv;
    }

    public List<VolumeMount> mounts() {
        return mounts;
    }

    public List<String> tmpfs() {
        return tmpfs;
    }

    /** Container ports published on random host ports; see {@link StatefulContainer#mappedPort(int)}. */
    public List<Integer> ports() {
        return ports;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Map<String, String> labels() {
        return labels;
    }

    public RestartPolicy restartPolicy() {
        return restartPolicy;
    }

    public Readiness readiness() {
        return readiness;
    }

    /** How long {@link StatefulContainer#stop()} waits for a clean exit before SIGKILL. */
    public Duration stopTimeout() {
        return stopTimeout;
    }

    /**
     * Where it may run. With a placement, on a Swarm, the container runs as a Swarm service of one task, pinned
     * where its LOCAL volumes live, so that Swarm's own restart machinery keeps it running.
     */
    public Optional<Placement> placement() {
        return Optional.ofNullable(placement);
    }

    /** The recipe this spec was made from, if any: its probe and quiesce hook apply to the container. */
    public Optional<Recipe> recipe() {
        return Optional.ofNullable(recipe);
    }

    @Override
    public String toString() {
        return "ContainerSpec[name=" + name + ", image=" + image + ", command=" + command + ", env=" + env
                + ", secretEnv=" + secretEnv.keySet() + "=******, mounts=" + mounts + ", tmpfs=" + tmpfs
                + ", ports=" + ports + ", user=" + user + ", labels=" + labels + ", restartPolicy=" + restartPolicy
                + ", readiness=" + readiness + ", stopTimeout=" + stopTimeout
                + (recipe == null ? "" : ", recipe=" + recipe.getClass().getSimpleName())
                + (placement == null ? "" : ", " + placement) + "]";
    }

    /**
     * Describes a container, then {@link #start()}s or {@link #create()}s it. Get one from
     * {@link Berth#container(String)}. Not thread-safe.
     */
    public abstract static class Builder {
        private final String name;
        private @Nullable String image;
        private final List<String> command = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, Secret> secretEnv = new LinkedHashMap<>();
        private final List<VolumeMount> mounts = new ArrayList<>();
        private final List<String> tmpfs = new ArrayList<>();
        private final List<Integer> ports = new ArrayList<>();
        private @Nullable String user;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private RestartPolicy restartPolicy = RestartPolicy.NO;
        private Readiness readiness = Readiness.running();
        private Duration stopTimeout = Duration.ofSeconds(10);
        private @Nullable Recipe recipe;
        private boolean readinessGiven;
        private @Nullable Placement placement;

        /** @throws InvalidNameException when Docker would reject the name */
        protected Builder(String name) {
            this.name = Names.requireValid("container", name);
        }

        public Builder image(String image) {
            this.image = Objects.requireNonNull(image, "image");
            return this;
        }

        /**
         * Applies a recipe: its image (unless one was given already; an {@code image(...)} given after this
         * overrides it), environment, secrets, command, ports and readiness. Values given before stay; the volume is
         * mounted by the caller at {@link Recipe#dataPath()}.
         */
        public Builder recipe(Recipe recipe) {
            this.recipe = Objects.requireNonNull(recipe, "recipe");
            if (image == null) {
                image = recipe.image();
            }
            recipe.env().forEach(env::putIfAbsent);
            recipe.secretEnv().forEach((k, v) -> secretEnv.putIfAbsent(k, Secret.of(v)));
            if (command.isEmpty()) {
                command.addAll(recipe.command());
            }
            recipe.ports().stream().filter(p -> !ports.contains(p)).forEach(ports::add);
            if (!readinessGiven) {
                readiness = recipe.readiness();
            }
            return this;
        }

        public Builder command(String... command) {
            this.command.clear();
            this.command.addAll(List.of(command));
            return this;
        }

        public Builder env(String key, String value) {
            env.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** An environment variable whose value is never logged, never in labels, toString() or messages. */
        public Builder secretEnv(String key, String value) {
            secretEnv.put(Objects.requireNonNull(key, "key"), Secret.of(value));
            return this;
        }

        /**
         * Mounts the volume read-write.
         *
         * @throws IllegalArgumentException for a {@link AccessMode#READ_ONLY_MANY} volume: use {@link #mountReadOnly}
         */
        public Builder mount(PersistentVolume volume, String path) {
            if (volume.accessMode() == AccessMode.READ_ONLY_MANY) {
                throw new IllegalArgumentException("volume '" + volume.name()
                        + "' is READ_ONLY_MANY: mount it with mountReadOnly(volume, \"" + path + "\")");
            }
            mounts.add(new VolumeMount(volume, path, false));
            return this;
        }

        public Builder mountReadOnly(PersistentVolume volume, String path) {
            mounts.add(new VolumeMount(volume, path, true));
            return this;
        }

        /** A tmpfs at the path: memory only, gone with the container. */
        public Builder tmpfs(String path) {
            tmpfs.add(Objects.requireNonNull(path, "path"));
            return this;
        }

        public Builder port(int containerPort) {
            if (containerPort < 1 || containerPort > 65535) {
                throw new IllegalArgumentException("port must be within 1..65535, was " + containerPort);
            }
            ports.add(containerPort);
            return this;
        }

        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder restartPolicy(RestartPolicy restartPolicy) {
            this.restartPolicy = Objects.requireNonNull(restartPolicy, "restartPolicy");
            return this;
        }

        /** Where the container may run; see {@link ContainerSpec#placement()}. */
        public Builder placement(Placement placement) {
            this.placement = Objects.requireNonNull(placement, "placement");
            return this;
        }

        public Builder readyWhen(Readiness readiness) {
            this.readiness = Objects.requireNonNull(readiness, "readiness");
            this.readinessGiven = true;
            return this;
        }

        public Builder stopTimeout(Duration stopTimeout) {
            if (stopTimeout.isNegative()) {
                throw new IllegalArgumentException("stopTimeout must not be negative, was " + stopTimeout);
            }
            this.stopTimeout = stopTimeout;
            return this;
        }

        /**
         * The spec as described so far.
         *
         * @throws NullPointerException when no image was given
         */
        public ContainerSpec spec() {
            return new ContainerSpec(this);
        }

        /**
         * Creates the container and starts it, returning once it is ready.
         *
         * @throws ExclusiveAccessException when another container writes to one of its SINGLE_WRITER volumes
         * @throws ImageNotFoundException when the image is neither on the engine nor pullable
         * @throws NameTakenException when a container of that name exists that Berth did not create
         * @throws ContainerNotReadyException when it exits or is not ready in time
         */
        public abstract StatefulContainer start();

        /** Prepares the container without starting it; {@link StatefulContainer#start()} starts it. */
        public abstract StatefulContainer create();
    }
}
