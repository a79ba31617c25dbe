package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.Cluster;
import dev.berth.Node;

/** The nodes of the test Swarm by their zone label (scripts/cluster.sh labels them zone=a, zone=b, ...). */
public final class SwarmZones {
    private SwarmZones() {
    }

    /** The node labelled {@code zone}; fails, never skips, when the engine is not the test Swarm's manager. */
    public static Node zone(Berth berth, String zone) {
        Cluster cluster = berth.cluster();
        assertThat(cluster.isSwarm()).as("the engine must be a Swarm manager: run scripts/cluster.sh up 2").isTrue();
        return cluster.withLabel("zone", zone).orElseThrow(() -> new AssertionError("no node labelled zone=" + zone));
    }
}
