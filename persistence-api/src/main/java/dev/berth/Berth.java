package dev.berth;

import dev.berth.spi.BerthProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The entry point: a connection to a Docker engine through which volumes and stateful containers are made.
 * Thread-safe; close it when done (the volumes and containers stay).
 *
 * <pre>{@code
 * try (Berth berth = Berth.connect()) {
 *     PersistentVolume data = berth.volume("orders-pg").create();
 *     StatefulContainer pg = berth.container("orders-pg")
 *         .image("postgres:16")
 *         .mount(data, "/var/lib/postgresql/data")
 *         .secretEnv("POSTGRES_PASSWORD", password)
 *         .readyWhen(Readiness.logLine("ready to accept connections", 2))
 *         .start();
 *     pg.kill();
 *     pg.recreate();
 * }
 * }</pre>
 */
public interface Berth extends AutoCloseable {

    /** Connects with {@link BerthSettings#ofDefaults()}: the engine is found the way the docker CLI finds it. */
    static Berth connect() {
        return connect(BerthSettings.ofDefaults());
    }

    /**
     * Connects with the first {@link BerthProvider} (highest priority first) that can.
     *
     * @throws EngineUnavailableException when no engine answers
     * @throws BerthException when no provider is on the class path, listing every provider tried and why
     */
    static Berth connect(BerthSettings settings) {
        List<BerthProvider> providers = new ArrayList<>();
        ServiceLoader.load(BerthProvider.class, Berth.class.getClassLoader()).forEach(providers::add);
        if (providers.isEmpty()) {
            throw new BerthException("No Berth implementation on the class path: add the dependency "
                    + "dev.berth:persistence-docker (runtime scope is enough).");
        }
        providers.sort(Comparator.comparingInt(BerthProvider::priority).reversed());
        List<BerthException> failures = new ArrayList<>();
        for (BerthProvider provider : providers) {
            try {
                return provider.connect(settings);
            } catch (BerthException e) {
                failures.add(e);
            }
        }
        if (failures.size() == 1) {
            throw failures.get(0);
        }
        StringBuilder message = new StringBuilder("No Berth provider could connect:");
        for (int i = 0; i < providers.size(); i++) {
            message.append("\n- ").append(providers.get(i).name()).append(": ").append(failures.get(i).getMessage());
        }
        BerthException all = new BerthException(message.toString(), failures.get(0));
        failures.stream().skip(1).forEach(all::addSuppressed);
        throw all;
    }

    /** Describes a volume to {@link PersistentVolume.Builder#create() create} (or find, if it exists with this spec). */
    PersistentVolume.Builder volume(String name);

    /** Describes a container to {@link StatefulContainer.Builder#start() start}. */
    StatefulContainer.Builder container(String name);

    /** Starts describing N ordinal replicas of one container template, each on volumes of its own. */
    ReplicaSet.Builder replicaSet(String name);

    /** The volume drivers and managed plugins of the engine Berth is connected to. */
    Plugins plugins();

    /** What every volume holds on disk, on every node Berth reaches, largest first. */
    Usage usage();

    /** The nodes of the Swarm the engine belongs to (one node, without a Swarm). */
    Cluster cluster();

    /** The volumes Berth knows. */
    Volumes volumes();

    /** The snapshots in the connection's store; see {@link PersistentVolume#snapshot(String)}. */
    Snapshots snapshots();

    /**
     * Removes what Berth created and the options select: stopped (or all) containers, and unused volumes if asked.
     * Never touches anything Berth did not create.
     */
    PruneReport prune(PruneOptions options);

    /** The settings this connection was made with. */
    BerthSettings settings();

    /** Closes the connection; volumes and containers stay as they are. */
    @Override
    void close();
}
