package dev.berth.docker.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.BerthException;
import dev.berth.Node;
import dev.berth.NodeRole;
import dev.berth.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicaNodesTest {
    private static final Node MANAGER = node("m", NodeRole.MANAGER, Map.of(), true);
    private static final Node A1 = node("a1", NodeRole.WORKER, Map.of("zone", "a"), true);
    private static final Node A2 = node("a2", NodeRole.WORKER, Map.of("zone", "a"), true);
    private static final Node B1 = node("b1", NodeRole.WORKER, Map.of("zone", "b"), true);
    private static final List<Node> NODES = List.of(MANAGER, A1, A2, B1);

    private static Node node(String id, NodeRole role, Map<String, String> labels, boolean ready) {
        return new Node(id, id, role, labels, ready, Optional.empty(), Optional.empty());
    }

    private static List<Node> place(int replicas, Placement placement, List<Node> nodes) {
        List<Node> taken = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            taken.add(ReplicaNodes.choose(nodes, placement, taken));
        }
        return taken;
    }

    @Test
    void spreadsOverTheValuesOfTheLabelBeforeDoublingUpAndSkipsNodesWithoutIt() {
        assertThat(place(4, Placement.spread("zone"), NODES)).containsExactly(A1, B1, A2, B1);
    }

    @Test
    void withoutASpreadLabelTheNodeWithFewestReplicasOfTheSetWins() {
        assertThat(place(5, Placement.label("zone", "a"), NODES)).containsExactly(A1, A2, A1, A2, A1);
    }

    @Test
    void nodesThatAreDownOrExcludedAreNeverChosen() {
        Node b1Down = node("b1", NodeRole.WORKER, Map.of("zone", "b"), false);
        assertThat(place(2, Placement.spread("zone"), List.of(MANAGER, A1, b1Down))).containsExactly(A1, A1);
        assertThat(place(2, Placement.managerOnly(), NODES)).containsExactly(MANAGER, MANAGER);
    }

    @Test
    void aSpreadOverALabelNoAllowedNodeHasSaysHowToLabelThem() {
        assertThatThrownBy(() -> ReplicaNodes.choose(NODES, Placement.spread("rack"), List.of()))
                .isInstanceOf(BerthException.class).hasMessageContaining("'rack'")
                .hasMessageContaining("cluster().label(node, \"rack\", value)");
        assertThatThrownBy(() -> ReplicaNodes.choose(NODES, Placement.label("zone", "c"), List.of()))
                .isInstanceOf(BerthException.class).hasMessageContaining("No ready node satisfies");
    }
}
