package dev.berth.docker.internal.node;

import dev.berth.BerthSettings;
import dev.berth.EngineUnavailableException;
import dev.berth.Node;
import dev.berth.NodeUnavailableException;
import dev.berth.docker.internal.engine.Engine;
import dev.berth.docker.internal.engine.EngineConnector;
import dev.berth.docker.internal.engine.EngineEndpoints;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The engine of every node Berth needs to reach: the one it is connected to, and each Swarm node's own engine, from
 * {@link BerthSettings#nodeEngines()} or the node's {@value Node#ENGINE_LABEL} label. Connections are opened on first
 * use and closed with Berth. Thread-safe.
 */
final class NodeEngines implements AutoCloseable {
    private final Engine local;
    private final BerthSettings settings;
    private final Map<String, Engine> byEndpoint = new ConcurrentHashMap<>();
    private final Function<String, Engine> opener;

    /** {@code opener} connects to a node's engine at an endpoint (the fake engine's in unit tests). */
    NodeEngines(Engine local, BerthSettings settings, Function<String, Engine> opener) {
        this.local = local;
        this.settings = settings;
        this.opener = opener;
    }

    /** Opens a real engine at the endpoint, as {@link EngineConnector} does. */
    static Function<String, Engine> connecting(BerthSettings settings) {
        return endpoint -> EngineConnector.connect(List.of(new EngineEndpoints.Candidate(endpoint, "a node's engine")),
                settings);
    }

    Engine local() {
        return local;
    }

    /** The endpoint Berth would use for the node, if it knows one. */
    Optional<String> endpointOf(String nodeId, Map<String, String> nodeLabels) {
        return Optional.ofNullable(settings.nodeEngines().get(nodeId))
                .or(() -> Optional.ofNullable(nodeLabels.get(Node.ENGINE_LABEL)));
    }

    /** The node's own engine. */
    Engine of(Node node, String localNodeId) {
        if (node.id().equals(localNodeId)) {
            return local;
        }
        String endpoint = node.engineEndpoint().orElseThrow(() -> new NodeUnavailableException(node.id(),
                "Berth cannot reach the engine of node " + node.id() + " (" + node.name() + "): give its endpoint with "
                        + "BerthSettings.builder().nodeEngine(\"" + node.id() + "\", \"tcp://...\"), or label the node "
                        + Node.ENGINE_LABEL + "=<endpoint>."));
        if (endpoint.equals(local.endpoint())) {
            return local;
        }
        try {
            return byEndpoint.computeIfAbsent(endpoint, opener);
        } catch (EngineUnavailableException e) {
            throw new NodeUnavailableException(node.id(), "The engine of node " + node.id() + " (" + node.name()
                    + ") does not answer at " + endpoint + ": is the node up? " + e.getMessage());
        }
    }

    @Override
    public void close() {
        byEndpoint.values().forEach(Engine::close);
        byEndpoint.clear();
    }
}
