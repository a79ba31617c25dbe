package dev.berth;

import java.util.List;
import java.util.Optional;

/**
 * The nodes of the Swarm that the engine belongs to; a single engine is a cluster of one node. Every query asks the
 * engine. Thread-safe.
 *
 * <pre>{@code
 * Node zoneB = berth.cluster().nodes().stream().filter(n -> n.label("zone").equals(Optional.of("b"))).findFirst().orElseThrow();
 * redis.moveTo(zoneB);
 * }</pre>
 */
public interface Cluster {

    /** Every node, managers first, then by id. */
    List<Node> nodes();

    Optional<Node> node(String id);

    /** The first node with the label, such as {@code withLabel("zone", "b")}. */
    default Optional<Node> withLabel(String key, String value) {
        return nodes().stream().filter(n -> value.equals(n.labels().get(key))).findFirst();
    }

    /** The node of the engine Berth is connected to. */
    Node local();

    /** Whether the engine is a manager of a Swarm (placements and moves need one). */
    boolean isSwarm();

    /** Sets a label on a node; returns the node as it is now. */
    Node label(Node node, String key, String value);
}
