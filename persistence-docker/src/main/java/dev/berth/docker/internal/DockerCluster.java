package dev.berth.docker.internal;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmNodeRole;
import com.github.dockerjava.api.model.SwarmNodeSpec;
import com.github.dockerjava.api.model.SwarmNodeState;
import dev.berth.Cluster;
import dev.berth.Node;
import dev.berth.NodeRole;
import dev.berth.NotFoundException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Swarm the engine manages, or the engine alone as a cluster of one. Thread-safe; every query asks the engine. */
final class DockerCluster implements Cluster {
    private final Engine engine;
    private final NodeEngines engines;

    DockerCluster(Engine engine, NodeEngines engines) {
        this.engine = engine;
        this.engines = engines;
    }

    private Info info() {
        return engine.call(() -> engine.client().infoCmd().exec());
    }

    @Override
    public boolean isSwarm() {
        Info info = info();
        return info.getSwarm() != null && info.getSwarm().getLocalNodeState() == LocalNodeState.ACTIVE
                && Boolean.TRUE.equals(info.getSwarm().getControlAvailable());
    }

    @Override
    public List<Node> nodes() {
        if (!isSwarm()) {
            return List.of(local());
        }
        return engine.call(() -> engine.client().listSwarmNodesCmd().exec()).stream()
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
        Info info = info();
        if (info.getSwarm() != null && info.getSwarm().getLocalNodeState() == LocalNodeState.ACTIVE
                && Boolean.TRUE.equals(info.getSwarm().getControlAvailable())) {
            String id = info.getSwarm().getNodeID();
            return node(id).orElseThrow(() -> new NotFoundException("node", id));
        }
        return new Node(localId(info), String.valueOf(info.getName()), NodeRole.MANAGER, Map.of(), true,
                Optional.of(engine.endpoint()), Optional.empty());
    }

    /** The engine Berth is connected to. */
    Engine localEngine() {
        return engine;
    }

    /** The id of the node Berth is connected to: its Swarm node id, or the engine's id without a Swarm. */
    String localNodeId() {
        return localId(info());
    }

    private static String localId(Info info) {
        if (info.getSwarm() != null && info.getSwarm().getLocalNodeState() == LocalNodeState.ACTIVE) {
            return info.getSwarm().getNodeID();
        }
        return String.valueOf(info.getId());
    }

    @Override
    public Node label(Node node, String key, String value) {
        SwarmNode current = engine.call(() -> engine.client().listSwarmNodesCmd()
                .withIdFilter(List.of(node.id())).exec()).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("node", node.id()));
        SwarmNodeSpec spec = current.getSpec();
        Map<String, String> labels = new HashMap<>(spec.getLabels() == null ? Map.of() : spec.getLabels());
        labels.put(key, value);
        engine.run(() -> engine.client().updateSwarmNodeCmd().withSwarmNodeId(node.id())
                .withVersion(current.getVersion().getIndex()).withSwarmNodeSpec(spec.withLabels(labels)).exec());
        return node(node.id()).orElseThrow(() -> new NotFoundException("node", node.id()));
    }

    private Node nodeOf(SwarmNode n) {
        Map<String, String> labels = n.getSpec().getLabels() == null ? Map.of() : n.getSpec().getLabels();
        boolean ready = n.getStatus() != null && n.getStatus().getState() == SwarmNodeState.READY;
        String name = n.getDescription() == null ? n.getId() : String.valueOf(n.getDescription().getHostname());
        NodeRole role = n.getSpec().getRole() == SwarmNodeRole.MANAGER ? NodeRole.MANAGER : NodeRole.WORKER;
        Optional<String> address = Optional.ofNullable(n.getStatus() == null ? null : n.getStatus().getAddress());
        return new Node(n.getId(), name, role, labels, ready, engines.endpointOf(n.getId(), labels), address);
    }
}
