package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.berth.Cluster;
import dev.berth.Node;
import dev.berth.StatefulContainer;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/** @DockerCluster with @PersistentContainer, on the local Swarm of scripts/cluster.sh. */
class DockerClusterIT {

    @DockerCluster(nodes = 2)
    @PersistentContainer(recipe = BusyboxRecipe.class)
    static class MovingAcrossNodes {
        @Test
        void followsItsDataToOtherNodesAndThroughNodeLoss(Cluster cluster, Node firstWorker, StatefulContainer container) {
            Node zoneA = cluster.withLabel("zone", "a").orElseThrow();
            Node zoneB = cluster.withLabel("zone", "b").orElseThrow();
            assertThat(firstWorker.role()).isEqualTo(dev.berth.NodeRole.WORKER);

            PersistenceAssertions.assertThat(container)
                    .survives(Disruption.moveTo(zoneA), Disruption.NODE_LOSS, Disruption.moveTo(zoneB), Disruption.KILL);
            assertThat(container.node().id()).isEqualTo(zoneB.id());
        }
    }

    @Test
    void dataFollowsItsContainerAcrossNodesAndNodeLossNeverStartsItEmptyElsewhere() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(MovingAcrossNodes.class)).execute()
                .testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    }
}
