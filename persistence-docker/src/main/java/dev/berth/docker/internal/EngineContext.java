package dev.berth.docker.internal;

import dev.berth.BerthSettings;
import dev.berth.Node;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every handle shares: one node's engine, the settings, that node's volumes, and the way to the other nodes.
 * Immutable and thread-safe.
 */
final class EngineContext {
    private final Engine engine;
    private final BerthSettings settings;
    private final NodeEngines nodes;
    private final DockerCluster cluster;
    private final Supplier<Node> node;
    private final VolumeStore volumes;

    private EngineContext(Engine engine, BerthSettings settings, NodeEngines nodes, DockerCluster cluster,
            Supplier<Node> node) {
        this.engine = engine;
        this.settings = settings;
        this.nodes = nodes;
        this.cluster = cluster;
        this.node = node;
        this.volumes = new VolumeStore(this);
    }

    /** The context of the engine Berth connected to. */
    static EngineContext connected(Engine engine, BerthSettings settings) {
        NodeEngines nodes = new NodeEngines(engine, settings);
        DockerCluster cluster = new DockerCluster(engine, nodes);
        return new EngineContext(engine, settings, nodes, cluster, cluster::local);
    }

    /** The context of another node's own engine. */
    EngineContext on(Node target) {
        String localId = cluster.localNodeId();
        if (target.id().equals(localId)) {
            return new EngineContext(nodes.local(), settings, nodes, cluster, () -> target);
        }
        return new EngineContext(nodes.of(target, localId), settings, nodes, cluster, () -> target);
    }

    /**
     * The context of every node Berth reaches: on a Swarm, each ready node whose engine it knows (the connected one
     * among them); otherwise this one.
     */
    List<EngineContext> everyNode() {
        if (!cluster.isSwarm()) {
            return List.of(this);
        }
        String localId = cluster.localNodeId();
        return cluster.nodes().stream()
                .filter(n -> n.ready() && (n.engineEndpoint().isPresent() || n.id().equals(localId)))
                .map(this::on).toList();
    }

    Engine engine() {
        return engine;
    }

    BerthSettings settings() {
        return settings;
    }

    VolumeStore volumes() {
        return volumes;
    }

    DockerCluster cluster() {
        return cluster;
    }

    /** The node this context's engine belongs to. */
    Node node() {
        return node.get();
    }

    void close() {
        nodes.close();
        nodes.local().close();
    }
}
