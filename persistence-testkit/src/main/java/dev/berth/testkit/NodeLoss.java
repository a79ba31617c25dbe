package dev.berth.testkit;

import dev.berth.Node;
import dev.berth.NodeUnavailableException;
import dev.berth.StatefulContainer;

/** {@link Disruption#NODE_LOSS}: the node's engine stops; Berth refuses to start elsewhere; the node comes back. */
final class NodeLoss {
    private NodeLoss() {
    }

    static void apply(StatefulContainer container) {
        Node node = container.node();
        ClusterControl.node("stop", node);
        try {
            container.start();
            throw new AssertionError("Expecting container '" + container.name() + "' not to start while node "
                    + node.id() + ", which holds its data, is down; but it started on node " + container.node().id());
        } catch (NodeUnavailableException expected) {
            if (!expected.nodeId().equals(node.id())) {
                throw new AssertionError("Expecting the refusal to name node " + node.id() + " but it named "
                        + expected.nodeId(), expected);
            }
        } finally {
            ClusterControl.node("start", node);
        }
        container.start();
    }
}
