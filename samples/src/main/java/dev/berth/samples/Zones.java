package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.Node;

/** The two nodes the multi-node stories move between: labelled {@code zone=a} and {@code zone=b}. */
record Zones(Node a, Node b) {

    /** @throws IllegalStateException saying how to make such a Swarm, when there is none */
    static Zones of(Berth berth) {
        return new Zones(zone(berth, "a"), zone(berth, "b"));
    }

    private static Node zone(Berth berth, String zone) {
        return berth.cluster().withLabel("zone", zone).orElseThrow(() -> new IllegalStateException(
                "This story needs a Swarm with nodes labelled zone=a and zone=b (no node has zone=" + zone
                        + "): run scripts/cluster.sh up 2"));
    }
}
