package dev.berth;

import dev.berth.spi.SnapshotStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Berth#connect(BerthSettings)} connects: the engine, the retry policy, timeouts and the labels put on
 * everything Berth creates. Immutable and thread-safe; build with {@link #builder()}.
 *
 * <pre>{@code
 * BerthSettings settings = BerthSettings.builder()
 *     .dockerHost("unix:///var/run/docker.sock")
 *     .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
 *     .build();
 * }</pre>
 */
public final class BerthSettings {
    private final @Nullable String dockerHost;
    private final @Nullable String publishedHost;
    private final RetryPolicy retryPolicy;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Duration readyTimeout;
    private final Map<String, String> labels;
    private final Map<String, String> nodeEngines;
    private final Path snapshotDirectory;
    private final @Nullable SnapshotStore snapshotStore;
    private final @Nullable Secret snapshotKey;
    private final String helperImage;
    private final ProgressListener progressListener;

    private BerthSettings(Builder b) {
        this.dockerHost = b.dockerHost;
        this.publishedHost = b.publishedHost;
        this.retryPolicy = b.retryPolicy;
        this.connectTimeout = b.connectTimeout;
        this.responseTimeout = b.responseTimeout;
        this.readyTimeout = b.readyTimeout;
        this.labels = Map.copyOf(b.labels);
        this.nodeEngines = Map.copyOf(b.nodeEngines);
        this.snapshotDirectory = b.snapshotDirectory;
        this.snapshotStore = b.snapshotStore;
        this.snapshotKey = b.snapshotKey;
        this.helperImage = b.helperImage;
        this.progressListener = b.progressListener;
    }

    /** The engine found the way the docker CLI finds it, default retries and timeouts. */
    public static BerthSettings ofDefaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of these settings to change. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.dockerHost = dockerHost;
        b.publishedHost = publishedHost;
        b.retryPolicy = retryPolicy;
        b.connectTimeout = connectTimeout;
        b.responseTimeout = responseTimeout;
        b.readyTimeout = readyTimeout;
        b.labels.putAll(labels);
        b.nodeEngines.putAll(nodeEngines);
        b.snapshotDirectory = snapshotDirectory;
        b.snapshotStore = snapshotStore;
        b.snapshotKey = snapshotKey;
        b.helperImage = helperImage;
        b.progressListener = progressListener;
        return b;
    }

    /**
     * The engine endpoint, such as {@code unix:///var/run/docker.sock} or {@code tcp://host:2375}; empty means
     * found like the docker CLI does: {@code DOCKER_HOST}, the current docker context, then the usual sockets.
     */
    public Optional<String> dockerHost() {
        return Optional.ofNullable(dockerHost);
    }

    /**
     * Where the connected engine's published ports are reached; empty means its host (for a socket, this machine).
     * Set it when the engine runs elsewhere than its socket suggests: in another network namespace or a VM whose
     * socket is forwarded here.
     */
    public Optional<String> publishedHost() {
        return Optional.ofNullable(publishedHost);
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long one engine call may take; streaming calls (logs, archives) are not bounded by it. */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** How long a container may take to become ready when its {@link Readiness} names no timeout. */
    public Duration readyTimeout() {
        return readyTimeout;
    }

    /** Labels added to every volume and container Berth creates. */
    public Map<String, String> labels() {
        return labels;
    }

    /**
     * The engine endpoint of each Swarm node by node id, for what only a node's own engine can do (create, inspect
     * and stream its LOCAL volumes, exec into its containers). A node not listed here is reached at the endpoint in
     * its {@value Node#ENGINE_LABEL} label, if it has one.
     */
    public Map<String, String> nodeEngines() {
        return nodeEngines;
    }

    /** Where the default snapshot store keeps snapshots: {@code ~/.berth/snapshots} unless set. */
    public Path snapshotDirectory() {
        return snapshotDirectory;
    }

    /** The snapshot store to use instead of the one {@link dev.berth.spi.SnapshotStoreProvider} finds. */
    public Optional<SnapshotStore> snapshotStore() {
        return Optional.ofNullable(snapshotStore);
    }

    /**
     * The key that encrypts and authenticates what snapshots keep in their store (chunk data, trees, indexes and
     * manifests, with AES-256-GCM); without one, hashes still reveal damage. Never shown: it prints as a mask.
     */
    public Optional<Secret> snapshotKey() {
        return Optional.ofNullable(snapshotKey);
    }

    /**
     * The image of the helper containers that reach a volume's files for snapshots and restores: {@code busybox:1.35}
     * unless set. Helpers are created and never started, so any image on the engine works; only
     * {@link Snapshot#restoreInPlace()} starts one, to empty the volume, and needs {@code sh} and {@code rm} in it.
     */
    public String helperImage() {
        return helperImage;
    }

    /** Receives the progress of long snapshot operations; none unless set. */
    public ProgressListener progressListener() {
        return progressListener;
    }

    @Override
    public String toString() {
        return "BerthSettings[dockerHost=" + (dockerHost == null ? "<discovered>" : dockerHost) + ", " + retryPolicy
                + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout
                + ", readyTimeout=" + readyTimeout + ", labels=" + labels + "]";
    }

    /** Builds {@link BerthSettings}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String dockerHost;
        private @Nullable String publishedHost;
        private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration responseTimeout = Duration.ofMinutes(5);
        private Duration readyTimeout = Duration.ofMinutes(2);
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final Map<String, String> nodeEngines = new LinkedHashMap<>();
        private Path snapshotDirectory = Path.of(System.getProperty("user.home"), ".berth", "snapshots");
        private @Nullable SnapshotStore snapshotStore;
        private @Nullable Secret snapshotKey;
        private String helperImage = "busybox:1.35";
        private ProgressListener progressListener = ProgressListener.none();

        private Builder() {
        }

        public Builder dockerHost(String dockerHost) {
            this.dockerHost = Objects.requireNonNull(dockerHost, "dockerHost");
            return this;
        }

        /** Where the connected engine's published ports are reached; see {@link BerthSettings#publishedHost()}. */
        public Builder publishedHost(String publishedHost) {
            this.publishedHost = Objects.requireNonNull(publishedHost, "publishedHost");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive("connectTimeout", connectTimeout);
            return this;
        }

        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = positive("responseTimeout", responseTimeout);
            return this;
        }

        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = positive("readyTimeout", readyTimeout);
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Where a Swarm node's own engine answers, such as {@code tcp://10.0.0.12:2376}. */
        public Builder nodeEngine(String nodeId, String endpoint) {
            nodeEngines.put(Objects.requireNonNull(nodeId, "nodeId"), Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /** Where the default snapshot store keeps snapshots; created when first needed. */
        public Builder snapshotDirectory(Path snapshotDirectory) {
            this.snapshotDirectory = Objects.requireNonNull(snapshotDirectory, "snapshotDirectory");
            return this;
        }

        /** Keeps snapshots in this store; see {@link dev.berth.spi.SnapshotStoreProvider} for how one is found. */
        public Builder snapshotStore(SnapshotStore snapshotStore) {
            this.snapshotStore = Objects.requireNonNull(snapshotStore, "snapshotStore");
            return this;
        }

        /**
         * Encrypts and authenticates snapshots with a key derived from this passphrase (PBKDF2 with the store's salt).
         * A store made with a key is opened only with the same key; one made without a key is opened only without.
         */
        public Builder snapshotKey(Secret passphrase) {
            Objects.requireNonNull(passphrase, "snapshotKey");
            if (passphrase.reveal().length() < 8) {
                throw new IllegalArgumentException("a snapshot key must have at least 8 characters");
            }
            this.snapshotKey = passphrase;
            return this;
        }

        /** The image of the helper containers used to stream volumes; see {@link BerthSettings#helperImage()}. */
        public Builder helperImage(String helperImage) {
            this.helperImage = Objects.requireNonNull(helperImage, "helperImage");
            return this;
        }

        public Builder progressListener(ProgressListener progressListener) {
            this.progressListener = Objects.requireNonNull(progressListener, "progressListener");
            return this;
        }

        public BerthSettings build() {
            return new BerthSettings(this);
        }

        private static Duration positive(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
