package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlacementTest {
    private final Node manager = new Node("m1", "vm", NodeRole.MANAGER, Map.of(), true, Optional.empty(), Optional.empty());
    private final Node zoneA = new Node("w1", "vm", NodeRole.WORKER, Map.of("zone", "a"), true, Optional.empty(), Optional.empty());
    private final Node zoneB = new Node("w2", "vm", NodeRole.WORKER, Map.of("zone", "b"), true, Optional.empty(), Optional.empty());

    @Test
    void constraintsAreSwarmsOwn() {
        assertThat(Placement.node("w1").constraints()).containsExactly("node.id==w1");
        assertThat(Placement.label("zone", "a").constraints()).containsExactly("node.labels.zone==a");
        assertThat(Placement.managerOnly().constraints()).containsExactly("node.role==manager");
        assertThat(Placement.spread("zone").spreadOver()).containsExactly("node.labels.zone");
    }

    @Test
    void nodesAreMatchedAgainstEveryConstraint() {
        assertThat(Placement.label("zone", "a").allows(zoneA)).isTrue();
        assertThat(Placement.label("zone", "a").allows(zoneB)).isFalse();
        assertThat(Placement.label("zone", "a").allows(manager)).isFalse();
        assertThat(Placement.managerOnly().allows(manager)).isTrue();
        assertThat(Placement.managerOnly().allows(zoneA)).isFalse();
        assertThat(Placement.node("w2").and(Placement.label("zone", "b")).allows(zoneB)).isTrue();
        assertThat(Placement.node("w2").and(Placement.label("zone", "a")).allows(zoneB)).isFalse();
        assertThat(Placement.node("w2").and(Placement.managerOnly()).nodeId()).contains("w2");
    }
}
