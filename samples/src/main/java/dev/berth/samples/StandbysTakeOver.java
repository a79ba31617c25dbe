package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.ContainerState;
import dev.berth.Node;
import dev.berth.ReplicaSet;
import dev.berth.StatefulContainer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * A PostgreSQL primary and N standbys in one replica set, and the loss of the primary's node (seed 004: "if a master
 * fails, there will be a downtime... promote slave to the master"). The set's first replica is the primary; every other
 * is a standby of it ({@code replicaTemplate}), each on its own node and its own volume, streaming every commit. When
 * the primary's node is lost, the standby furthest ahead is promoted: Berth first stops the old primary through the
 * Swarm's manager, so that it stays stopped when its node comes back (it would otherwise come back a second primary),
 * then PostgreSQL promotes the standby, and the other standbys follow it. Needs the Swarm of
 * {@code scripts/cluster.sh up 2}: the nodes are labelled {@code postgres-site} a, b and c.
 *
 * <p>Run it with {@code mvn -pl samples exec:java -Ddemo.mainClass=dev.berth.samples.StandbysTakeOver}.
 */
public final class StandbysTakeOver implements Story {
    private static final String SITE = "postgres-site";
    private static final int STANDBYS = 2;
    private final Postgres postgres = new Postgres();
    private final Orders orders = new Orders(postgres);
    private final NodeControl nodes;

    public StandbysTakeOver() {
        this(NodeControl.fromConfiguration());
    }

    StandbysTakeOver(NodeControl nodes) {
        this.nodes = nodes;
    }

    public static void main(String[] args) {
        StoryRunner.run(new StandbysTakeOver(), "standbys");
    }

    @Override
    public boolean run(Berth berth, String prefix, PrintStream out) {
        Zones zones = Zones.of(berth);
        // the primary goes to site a (replicas spread over the label's values, smallest first): a node that can be lost
        berth.cluster().label(zones.a(), SITE, "a");
        berth.cluster().label(zones.b(), SITE, "b");
        berth.cluster().label(berth.cluster().local(), SITE, "c");
        out.println("A PostgreSQL primary and " + STANDBYS + " standbys in one replica set, and the loss of the "
                + "primary's node.");

        ReplicaSet db = berth.replicaSet(prefix).replicas(1 + STANDBYS).mount("data", postgres.dataPath())
                .template(c -> c.recipe(postgres))
                .replicaTemplate((c, primary) -> c.recipe(postgres.standbyOf(primary)))
                .spread(SITE).start();
        StatefulContainer first = db.primary();
        orders.create(first, 3);
        List<StatefulContainer> standbys = db.replicas().subList(1, db.size());
        out.println("1. The primary " + first.name() + " on node " + first.node().id() + " committed three orders; "
                + "standbys " + describe(standbys) + " copied it and stream from it: "
                + standbys.stream().map(s -> orders.awaitOn(s, 3) + " orders").toList() + ".");

        StatefulContainer next;
        long lost;
        nodes.lose(berth, first.node());
        try {
            lost = System.nanoTime();
            next = standbys.stream().max(Comparator.comparingLong(postgres::replayedWalBytes)).orElseThrow();
            db.promote(next); // Berth stops the old primary, through the manager, before PostgreSQL promotes
            postgres.promote(next);
            standbys.stream().filter(s -> s != next).forEach(s -> postgres.follow(s, next));
            orders.add(next, 4);
            out.println("2. Node " + first.node().id() + " was lost. " + next.name() + " on node " + next.node().id()
                    + " replayed the most and was promoted; it took order 4 " + StoryRunner.secondsSince(lost)
                    + " after the Swarm saw its node down, and the other standbys follow it.");
        } finally {
            nodes.start(berth, first.node());
        }
        List<Long> counts = db.replicas().stream().filter(r -> r != first).map(r -> orders.awaitOn(r, 4)).toList();
        Pause.of(Duration.ofSeconds(5)); // time for Swarm to start the old primary again, were it to
        ContainerState old = first.state();
        out.println("3. Node " + first.node().id() + " is back: the old primary " + first.name() + " is " + old
                + " and stays so; the new primary and the standby have " + counts + " orders.");

        boolean survived = old != ContainerState.RUNNING && db.primary() == next
                && counts.stream().allMatch(n -> n == 4);
        out.println(survived ? "What survived: all four orders, on every server still serving, with one primary "
                + "throughout." : "LOST: expected one primary and four orders everywhere, found the old primary "
                + old + " and " + counts + " orders.");
        db.remove();
        return survived;
    }

    private static String describe(List<StatefulContainer> servers) {
        return servers.stream().map(s -> s.name() + " (node " + s.node().id() + ")").toList().toString();
    }
}
