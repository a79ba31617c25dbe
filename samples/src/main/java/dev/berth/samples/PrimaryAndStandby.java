package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.BerthException;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.StatefulContainer;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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
    private static final long REPLICATION_WAIT_MILLIS = 30_000;
    private final Postgres postgres = new Postgres();

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
        postgres.allowReplication(primary);
        execute(primary, "CREATE TABLE orders (id int PRIMARY KEY, state text)",
                "INSERT INTO orders VALUES (1, 'paid'), (2, 'shipped'), (3, 'paid')");
        out.println("2. Started the primary on node " + primary.node().id() + " and committed three orders.");

        PersistentVolume standbyData = berth.volume(prefix + "-standby").node(standbyNode).create();
        StatefulContainer standby = berth.container(prefix + "-standby").recipe(postgres.standbyOf(primary))
                .mount(standbyData, postgres.dataPath()).placement(Placement.label("postgres", "standby")).start();
        long copied = awaitOrders(standby, 3);
        out.println("3. Started the standby on node " + standby.node().id() + ": it copied the primary and serves its "
                + copied + " orders.");

        execute(primary, "INSERT INTO orders VALUES (4, 'paid')");
        long streamed = awaitOrders(standby, 4);
        out.println("4. A fourth order committed on the primary was streamed to the standby: it has " + streamed + ".");

        standby.recreate();
        boolean copiedAgain = standby.logs().contains("standby: copied the primary");
        out.println("5. Redeployed the standby: it went on from its own data"
                + (copiedAgain ? ", but copied the primary again (unexpected)." : " without copying the primary again."));

        primary.kill();
        postgres.promote(standby);
        execute(standby, "INSERT INTO orders VALUES (5, 'paid')");
        long after = count(standby);
        out.println("6. The primary died (SIGKILL): the standby was promoted and committed a fifth order.");

        boolean survived = after == 5 && !copiedAgain;
        out.println(survived ? "What survived: all five orders, across a redeploy of the standby and the loss of the "
                + "primary." : "LOST: expected five orders on the promoted standby, found " + after + ".");
        return survived;
    }

    private void execute(StatefulContainer server, String... statements) {
        try (Connection c = postgres.connect(server); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new BerthException("On '" + server.name() + "': " + e.getMessage(), e);
        }
    }

    private long count(StatefulContainer server) {
        try (Connection c = postgres.connect(server); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM orders")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new BerthException("Counting the orders on '" + server.name() + "' failed: " + e.getMessage(), e);
        }
    }

    /** Waits until the standby has replayed {@code expected} orders; returns how many it has. */
    private long awaitOrders(StatefulContainer standby, long expected) {
        long deadline = System.currentTimeMillis() + REPLICATION_WAIT_MILLIS;
        long seen = -1;
        while (System.currentTimeMillis() < deadline) {
            try {
                seen = count(standby);
                if (seen >= expected) {
                    return seen;
                }
            } catch (BerthException notYet) {
                // the table may not be replayed yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BerthException("Interrupted while waiting for replication", e);
            }
        }
        return seen;
    }
}
