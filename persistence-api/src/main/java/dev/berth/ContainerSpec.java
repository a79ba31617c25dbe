package dev.berth;

import java.nio.file.Path;
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
    private final List<BindMount> binds;
    private final List<Integer> ports;
    private final @Nullable String user;
    private final Map<String, String> labels;
    private final RestartPolicy restartPolicy;
    private final Readiness readiness;
    private final Duration stopTimeout;
    private final @Nullable Recipe recipe;
    private final @Nullable Placement placement;

    private ContainerSpec(Settings<?> b) {
        this.name = b.name;
        this.image = Objects.requireNonNull(b.image, () -> "container '" + b.name + "' needs an image: call image(...)");
        this.command = List.copyOf(b.command);
        this.env = Map.copyOf(b.env);
        this.secretEnv = Map.copyOf(b.secretEnv);
        this.mounts = List.copyOf(b.mounts);
        this.tmpfs = List.copyOf(b.tmpfs);
        this.binds = List.copyOf(b.binds);
        this.ports = List.copyOf(b.ports);
        this.user = b.user;
        this.labels = Map.copyOf(b.labels);
        this.restartPolicy = b.restartPolicy;
        this.readiness = b.readiness;
        this.stopTimeout = b.stopTimeout;
        this.recipe = b.recipe;
        this.placement = b.placement;
    }

    /** A builder of a spec named {@code name}. @throws InvalidNameException when Docker would reject the name */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Equal when every setting is (secrets by value, volumes by name and engine, readiness and recipe as their own
     * {@code equals} says), so that two descriptions of the same container compare as one.
     */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ContainerSpec o && name.equals(o.name) && image.equals(o.image)
                && command.equals(o.command) && env.equals(o.env) && secretEnv.equals(o.secretEnv)
                && mounts.equals(o.mounts) && tmpfs.equals(o.tmpfs) && binds.equals(o.binds) && ports.equals(o.ports)
                && Objects.equals(user, o.user) && labels.equals(o.labels) && restartPolicy == o.restartPolicy
                && readiness.equals(o.readiness) && stopTimeout.equals(o.stopTimeout)
                && Objects.equals(recipe, o.recipe) && Objects.equals(placement, o.placement);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, image, command, env, secretEnv, mounts, tmpfs, binds, ports, user, labels, restartPolicy,
                stopTimeout);
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

    /** The host directories mounted into it: the user's, never owned, snapshotted, moved or deleted by Berth. */
    public List<BindMount> binds() {
        return binds;
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
                + (binds.isEmpty() ? "" : ", binds=" + binds)
                + ", ports=" + ports + ", user=" + user + ", labels=" + labels + ", restartPolicy=" + restartPolicy
                + ", readiness=" + readiness + ", stopTimeout=" + stopTimeout
                + (recipe == null ? "" : ", recipe=" + recipe.getClass().getSimpleName())
                + (placement == null ? "" : ", " + placement) + "]";
    }

    /**
     * The settings of a container spec, shared by {@link Builder} (which builds the spec) and the builder that
     * {@link Berth#container(String)} returns (which also acts on it). Not thread-safe.
     */
    public abstract static class Settings<B extends Settings<B>> {
        private final String name;
        private @Nullable String image;
        private final List<String> command = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, Secret> secretEnv = new LinkedHashMap<>();
        private final List<VolumeMount> mounts = new ArrayList<>();
        private final List<String> tmpfs = new ArrayList<>();
        private final List<BindMount> binds = new ArrayList<>();
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
        protected Settings(String name) {
            this.name = Names.requireValid("container", name);
        }

        public B image(String image) {
            this.image = Objects.requireNonNull(image, "image");
            return self();
        }

        /**
         * Applies a recipe: its image (unless one was given already; an {@code image(...)} given after this
         * overrides it), environment, secrets, command, ports and readiness. Values given before stay; the volume is
         * mounted by the caller at {@link Recipe#dataPath()}.
         */
        public B recipe(Recipe recipe) {
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
            return self();
        }

        public B command(String... command) {
            this.command.clear();
            this.command.addAll(List.of(command));
            return self();
        }

        public B env(String key, String value) {
            env.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return self();
        }

        /**
         * An environment variable whose value is never logged, never in labels, toString() or messages. Run as a
         * Swarm service, it is a Swarm secret, mounted at {@code /run/secrets/KEY}, and {@code KEY_FILE} names that
         * file (the convention of the official images); {@code docker service inspect} never shows it. Run as a
         * plain container, it is in the container's environment, which {@code docker inspect} on that engine shows
         * to whoever can reach the engine's socket: the engine offers nothing else.
         */
        public B secretEnv(String key, String value) {
            secretEnv.put(Objects.requireNonNull(key, "key"), Secret.of(value));
            return self();
        }

        /**
         * Mounts the volume read-write.
         *
         * @throws IllegalArgumentException for a {@link AccessMode#READ_ONLY_MANY} volume: use {@link #mountReadOnly}
         */
        public B mount(PersistentVolume volume, String path) {
            if (volume.accessMode() == AccessMode.READ_ONLY_MANY) {
                throw new IllegalArgumentException("volume '" + volume.name()
                        + "' is READ_ONLY_MANY: mount it with mountReadOnly(volume, \"" + path + "\")");
            }
            mounts.add(new VolumeMount(volume, path, false));
            return self();
        }

        public B mountReadOnly(PersistentVolume volume, String path) {
            mounts.add(new VolumeMount(volume, path, true));
            return self();
        }

        /** A tmpfs at the path: memory only, gone with the container. */
        public B tmpfs(String path) {
            tmpfs.add(Objects.requireNonNull(path, "path"));
            return self();
        }

        /**
         * Mounts a directory of the engine's host at {@code path}, read-write. It stays the user's: Berth never owns,
         * snapshots, prunes or deletes it, and a container with one cannot move to another node (the directory does
         * not travel). Prefer a volume for data Berth should keep safe.
         */
        public B bind(Path hostPath, String path) {
            binds.add(new BindMount(hostPath, path, false));
            return self();
        }

        /** Mounts a directory of the engine's host at {@code path}, read-only; see {@link #bind}. */
        public B bindReadOnly(Path hostPath, String path) {
            binds.add(new BindMount(hostPath, path, true));
            return self();
        }

        public B port(int containerPort) {
            if (containerPort < 1 || containerPort > 65535) {
                throw new IllegalArgumentException("port must be within 1..65535, was " + containerPort);
            }
            ports.add(containerPort);
            return self();
        }

        public B user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return self();
        }

        public B label(String key, String value) {
            labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return self();
        }

        public B restartPolicy(RestartPolicy restartPolicy) {
            this.restartPolicy = Objects.requireNonNull(restartPolicy, "restartPolicy");
            return self();
        }

        /** Where the container may run; see {@link ContainerSpec#placement()}. */
        public B placement(Placement placement) {
            this.placement = Objects.requireNonNull(placement, "placement");
            return self();
        }

        public B readyWhen(Readiness readiness) {
            this.readiness = Objects.requireNonNull(readiness, "readiness");
            this.readinessGiven = true;
            return self();
        }

        public B stopTimeout(Duration stopTimeout) {
            if (stopTimeout.isNegative()) {
                throw new IllegalArgumentException("stopTimeout must not be negative, was " + stopTimeout);
            }
            this.stopTimeout = stopTimeout;
            return self();
        }

        /**
         * The spec as described so far.
         *
         * @throws NullPointerException when no image was given
         */
        public ContainerSpec spec() {
            return new ContainerSpec(this);
        }

        /** This builder, as its own type. */
        protected abstract B self();
    }

    /** Describes a container spec; {@link #build()} makes it. Not thread-safe. */
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
        public ContainerSpec build() {
            return spec();
        }
    }

}
