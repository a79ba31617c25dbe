package dev.berth.docker.internal.node;

import dev.berth.BerthSettings;
import dev.berth.Node;
import dev.berth.docker.internal.engine.Engine;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every handle shares: one node's engine, the settings, that node's volumes, and the way to the other nodes.
 * Immutable and thread-safe.
 */
public final class EngineContext {
    private final Engine engine;
    private final BerthSettings settings;
    private final NodeEngines nodes;
    private final DockerCluster cluster;
    private final Supplier<Node> node;
    private final VolumeSnapshotter snapshotter;

    private EngineContext(Engine engine, BerthSettings settings, NodeEngines nodes, DockerCluster cluster,
            Supplier<Node> node, VolumeSnapshotter snapshotter) {
        this.engine = engine;
        this.settings = settings;
        this.nodes = nodes;
        this.cluster = cluster;
        this.node = node;
        this.snapshotter = snapshotter;
    }

    /** The context of the engine Berth connected to; volumes' snapshots are taken by {@code snapshotter}. */
    public static EngineContext connected(Engine engine, BerthSettings settings, VolumeSnapshotter snapshotter) {
        return connected(engine, settings, snapshotter, NodeEngines.connecting(settings));
    }

    /** The same, reaching other nodes' engines through {@code opener} (by endpoint). */
    public static EngineContext connected(Engine engine, BerthSettings settings, VolumeSnapshotter snapshotter,
            Function<String, Engine> opener) {
        NodeEngines nodes = new NodeEngines(engine, settings, opener);
        DockerCluster cluster = new DockerCluster(engine, nodes);
        return new EngineContext(engine, settings, nodes, cluster, cluster::local, snapshotter);
    }

    /** The context of another node's own engine. */
    public EngineContext on(Node target) {
        String localId = cluster.localNodeId();
        if (target.id().equals(localId)) {
            return new EngineContext(nodes.local(), settings, nodes, cluster, () -> target, snapshotter);
        }
        return new EngineContext(nodes.of(target, localId), settings, nodes, cluster, () -> target, snapshotter);
    }

    /**
     * The context of every node Berth reaches: on a Swarm, each ready node whose engine it knows (the connected one
     * among them); otherwise this one.
     */
    public List<EngineContext> everyNode() {
        if (!cluster.isSwarm()) {
            return List.of(this);
        }
        String localId = cluster.localNodeId();
        return cluster.nodes().stream()
                .filter(n -> n.ready() && (n.engineEndpoint().isPresent() || n.id().equals(localId)))
                .map(this::on).toList();
    }

    public Engine engine() {
        return engine;
    }

    public BerthSettings settings() {
        return settings;
    }

    public VolumeSnapshotter snapshotter() {
        return snapshotter;
    }

    public DockerCluster cluster() {
        return cluster;
    }

    /** The node this context's engine belongs to. */
    public Node node() {
        return node.get();
    }

    public void close() {
        nodes.close();
        nodes.local().close();
    }
}
