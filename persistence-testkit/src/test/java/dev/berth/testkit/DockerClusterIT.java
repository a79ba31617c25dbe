package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Cluster;
import dev.berth.Node;
import dev.berth.StatefulContainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** @DockerCluster with @PersistentContainer, on the local Swarm of scripts/cluster.sh. */
@Tag("swarm")
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
        FixtureRuns.assertPassed(FixtureRuns.run(MovingAcrossNodes.class), 1 + 2); // the test, its class and the engine
    }
}
