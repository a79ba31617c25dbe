package dev.berth;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of the cluster (or the single engine, when there is no Swarm): a snapshot of what the engine reported
 * when it was read. Immutable and thread-safe. Nodes of a Swarm may share a hostname; tell them apart by
 * {@link #id()} and {@link #labels()}.
 *
 * @param id the engine's node id
 * @param name the node's hostname
 * @param role manager or worker
 * @param labels the node's labels, such as {@code zone=a}
 * @param ready whether the node is up and takes tasks
 * @param engineEndpoint where this node's own engine answers, when Berth knows
 * @param address the node's address, where its containers' published ports answer, when the engine says
 */
public record Node(String id, String name, NodeRole role, Map<String, String> labels, boolean ready,
        Optional<String> engineEndpoint, Optional<String> address) {

    /** The label under which a node may advertise its own engine endpoint (scripts/cluster.sh sets it). */
    public static final String ENGINE_LABEL = "dev.berth.engine";

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(engineEndpoint, "engineEndpoint");
        Objects.requireNonNull(address, "address");
    }

    /** A label's value, if the node has it. */
    public Optional<String> label(String key) {
        return Optional.ofNullable(labels.get(key));
    }

    @Override
    public String toString() {
        return "Node[" + id + " " + name + " " + role + (ready ? "" : " DOWN") + " " + labels + "]";
    }
}
