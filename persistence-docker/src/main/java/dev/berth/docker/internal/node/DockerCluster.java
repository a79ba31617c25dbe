package dev.berth.docker.internal.node;

import dev.berth.Cluster;
import dev.berth.Node;
import dev.berth.NodeRole;
import dev.berth.NotFoundException;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.EngineInfo;
import dev.berth.docker.internal.engine.SwarmNodeInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Swarm the engine manages, or the engine alone as a cluster of one. Thread-safe; every query asks the engine. */
public final class DockerCluster implements Cluster {
    private final Engine engine;
    private final NodeEngines engines;

    DockerCluster(Engine engine, NodeEngines engines) {
        this.engine = engine;
        this.engines = engines;
    }

    @Override
    public boolean isSwarm() {
        return engine.info().managesSwarm();
    }

    @Override
    public List<Node> nodes() {
        if (!isSwarm()) {
            return List.of(local());
        }
        return engine.swarmNodes().stream()
                .map(this::nodeOf)
                .sorted(Comparator.comparing((Node n) -> n.role() != NodeRole.MANAGER).thenComparing(Node::id))
                .toList();
    }

    @Override
    public Optional<Node> node(String id) {
        return nodes().stream().filter(n -> n.id().equals(id)).findFirst();
    }

    @Override
    public Node local() {
        EngineInfo info = engine.info();
        if (info.managesSwarm()) {
            String id = info.nodeId();
            return node(id).orElseThrow(() -> new NotFoundException("node", id));
        }
        return new Node(info.nodeId(), info.name(), NodeRole.MANAGER, Map.of(), true, Optional.of(engine.endpoint()),
                Optional.empty());
    }

    /** The engine Berth is connected to. */
    public Engine localEngine() {
        return engine;
    }

    /** The id of the node Berth is connected to: its Swarm node id, or the engine's id without a Swarm. */
    public String localNodeId() {
        return engine.info().nodeId();
    }

    @Override
    public Node label(Node node, String key, String value) {
        engine.labelNode(node.id(), Map.of(key, value));
        return node(node.id()).orElseThrow(() -> new NotFoundException("node", node.id()));
    }

    private Node nodeOf(SwarmNodeInfo n) {
        NodeRole role = n.manager() ? NodeRole.MANAGER : NodeRole.WORKER;
        return new Node(n.id(), n.hostname(), role, n.labels(), n.ready(), engines.endpointOf(n.id(), n.labels()),
                n.addressOptional());
    }
}
