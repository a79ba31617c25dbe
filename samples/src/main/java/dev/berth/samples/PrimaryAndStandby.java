package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.StatefulContainer;
import java.io.PrintStream;

/**
 * A PostgreSQL primary and its standby, placed by node label (seed 004): the nodes are labelled
 * {@code postgres=primary} and {@code postgres=standby}, and each server runs, as a Swarm service, only where its label
 * and its own data are. The standby copies the primary once, streams every commit, survives its own redeploy without
 * copying again, and is promoted when the primary dies. Needs a Swarm with zone-labelled nodes
 * ({@code scripts/cluster.sh up 2}).
 *
 * <p>Run it with {@code mvn -pl samples exec:java -Ddemo.mainClass=dev.berth.samples.PrimaryAndStandby}.
 */
public final class PrimaryAndStandby implements Story {
    private final Postgres postgres = new Postgres();
    private final Orders orders = new Orders(postgres);

    public static void main(String[] args) {
        StoryRunner.run(new PrimaryAndStandby(), "replicas");
    }

    @Override
    public boolean run(Berth berth, String prefix, PrintStream out) {
        Zones zones = Zones.of(berth);
        Node primaryNode = berth.cluster().label(zones.a(), "postgres", "primary");
        Node standbyNode = berth.cluster().label(zones.b(), "postgres", "standby");
        out.println("A PostgreSQL primary and its standby, placed by node label.");
        out.println("1. Labelled node " + primaryNode.id() + " postgres=primary and node " + standbyNode.id()
                + " postgres=standby.");

        PersistentVolume primaryData = berth.volume(prefix + "-primary").node(primaryNode).create();
        StatefulContainer primary = berth.container(prefix + "-primary").recipe(postgres)
                .mount(primaryData, postgres.dataPath()).placement(Placement.label("postgres", "primary")).start();
        orders.create(primary, 3);
        out.println("2. Started the primary on node " + primary.node().id() + " and committed three orders.");

        PersistentVolume standbyData = berth.volume(prefix + "-standby").node(standbyNode).create();
        StatefulContainer standby = berth.container(prefix + "-standby").recipe(postgres.standbyOf(primary))
                .mount(standbyData, postgres.dataPath()).placement(Placement.label("postgres", "standby")).start();
        long copied = orders.awaitOn(standby, 3);
        out.println("3. Started the standby on node " + standby.node().id() + ": it copied the primary and serves its "
                + copied + " orders.");

        orders.add(primary, 4);
        long streamed = orders.awaitOn(standby, 4);
        out.println("4. A fourth order committed on the primary was streamed to the standby: it has " + streamed + ".");

        standby.recreate();
        boolean copiedAgain = standby.logs().contains("standby: copied the primary");
        out.println("5. Redeployed the standby: it went on from its own data"
                + (copiedAgain ? ", but copied the primary again (unexpected)." : " without copying the primary again."));

        primary.kill();
        postgres.promote(standby);
        orders.add(standby, 5);
        long after = orders.count(standby);
        out.println("6. The primary died (SIGKILL): the standby was promoted and committed a fifth order.");

        boolean survived = after == 5 && !copiedAgain;
        out.println(survived ? "What survived: all five orders, across a redeploy of the standby and the loss of the "
                + "primary." : "LOST: expected five orders on the promoted standby, found " + after + ".");
        return survived;
    }
}
