package dev.berth.docker.internal.cluster;

import dev.berth.BerthException;
import dev.berth.Node;
import dev.berth.Placement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The node a new replica of a set goes to, by Swarm's own spread rule: on the ready nodes the placement allows, the
 * value of the spread label with the fewest replicas so far, then the node of that value with the fewest; without a
 * spread label, the allowed node with the fewest. Ties go to the smaller label value, then to the earlier node.
 */
final class ReplicaNodes {
    private static final String LABEL_PREFIX = "node.labels.";

    private ReplicaNodes() {
    }

    /**
     * @param nodes the cluster's nodes, in the cluster's order
     * @param taken the nodes of the set's replicas so far, one entry per replica
     */
    static Node choose(List<Node> nodes, Placement placement, List<Node> taken) {
        List<Node> allowed = nodes.stream().filter(Node::ready).filter(placement::allows).toList();
        if (allowed.isEmpty()) {
            throw new BerthException("No ready node satisfies " + placement + "; nodes: " + nodes);
        }
        Map<String, Long> perNode = taken.stream().collect(Collectors.groupingBy(Node::id, Collectors.counting()));
        Comparator<Node> fewest = Comparator.comparingLong(n -> perNode.getOrDefault(n.id(), 0L));
        if (placement.spreadOver().isEmpty()) {
            return allowed.stream().min(fewest).orElseThrow();
        }
        String key = spreadKey(placement.spreadOver().get(0));
        List<Node> labelled = allowed.stream().filter(n -> n.labels().containsKey(key)).toList();
        if (labelled.isEmpty()) {
            throw new BerthException("No ready node that " + placement + " allows has the label '" + key
                    + "' to spread replicas over: label nodes with cluster().label(node, \"" + key + "\", value)");
        }
        Function<Node, String> value = n -> n.labels().getOrDefault(key, "");
        Map<String, Long> perValue = taken.stream().filter(n -> n.labels().containsKey(key))
                .collect(Collectors.groupingBy(value, Collectors.counting()));
        String emptiest = labelled.stream().map(value).distinct()
                .min(Comparator.comparingLong((String v) -> perValue.getOrDefault(v, 0L))
                        .thenComparing(Comparator.naturalOrder()))
                .orElseThrow();
        return labelled.stream().filter(n -> value.apply(n).equals(emptiest)).min(fewest).orElseThrow();
    }

    private static String spreadKey(String spread) {
        return spread.startsWith(LABEL_PREFIX) ? spread.substring(LABEL_PREFIX.length()) : spread;
    }
}
