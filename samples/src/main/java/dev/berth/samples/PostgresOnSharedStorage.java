package dev.berth.samples;

import dev.berth.AccessMode;
import dev.berth.Berth;
import dev.berth.ExclusiveAccessException;
import dev.berth.MoveReport;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.StatefulContainer;
import java.io.PrintStream;
import java.time.Duration;

/**
 * A PostgreSQL server that is not root, on shared storage, fails over when its node is lost (seed 004: the primary
 * on an Azure file share through the cloudstor plugin, with {@code uid: '999'} and {@code gid: '999'}, which the
 * tutorial could not get to work). rclone's volume plugin serves one directory to every node, as the file share would;
 * the volume is GLOBAL and SINGLE_WRITER. Its options give every file to uid and gid 999, the server's own, with
 * directories {@code 0700}: PostgreSQL refuses a data directory that others may read, and a share's default
 * permissions are wider. rclone caches every read and write ({@code vfs-cache-mode=full}): with writes alone cached,
 * PostgreSQL lost its catalog across a restart. The server's node is stopped; the server fails over to the other node with nothing copied,
 * its orders there; when the node comes back, Swarm does not start the old server again, and Berth refuses a second
 * one on the same data. Needs the Swarm of {@code scripts/cluster.sh up 2} and rclone's plugin
 * ({@code scripts/rclone-plugin.sh start}).
 *
 * <p>Run it with {@code mvn -pl samples exec:java -Ddemo.mainClass=dev.berth.samples.PostgresOnSharedStorage}.
 */
public final class PostgresOnSharedStorage implements Story {
    /** The postgres user of the official image (and of Debian's package). */
    private static final String POSTGRES_UID = "999";
    private final Postgres postgres = new Postgres();
    private final Orders orders = new Orders(postgres);
    private final NodeControl nodes;

    public PostgresOnSharedStorage() {
        this(NodeControl.fromConfiguration());
    }

    PostgresOnSharedStorage(NodeControl nodes) {
        this.nodes = nodes;
    }

    public static void main(String[] args) {
        StoryRunner.run(new PostgresOnSharedStorage(), "shared-pg");
    }

    @Override
    public boolean run(Berth berth, String prefix, PrintStream out) {
        Zones zones = Zones.of(berth);
        SharedStorage.require(berth);
        out.println("A PostgreSQL server that is not root, on shared storage, and the loss of its node.");
        PersistentVolume data = SharedStorage.volume(berth, prefix + "-data", zones.a())
                .option("uid", POSTGRES_UID).option("gid", POSTGRES_UID).option("dir-perms", "0700")
                .option("file-perms", "0600").option("allow-other", "true")
                // full: every read goes through rclone's cache too. With "writes", a file read but not written is
                // read from the directory, where an upload cut short by an unmount left it short: PostgreSQL lost
                // its catalog across a restart (measured with rclone 1.60)
                .option("vfs-cache-mode", "full")
                .accessMode(AccessMode.SINGLE_WRITER).create();
        out.println("1. Volume " + data.name() + ": driver rclone, GLOBAL, its files owned by uid and gid "
                + POSTGRES_UID + " with directories 0700, as PostgreSQL requires of its data directory.");

        // no placement: it starts where the volume was made, and may move anywhere
        StatefulContainer db = server(berth, prefix, data).start();
        String uid = db.exec("id", "-u").stdout().strip();
        orders.create(db, 3);
        out.println("2. PostgreSQL runs as uid " + uid + " on node " + db.node().id() + " (zone a) and committed "
                + "three orders.");

        nodes.lose(berth, zones.a());
        long lost = System.nanoTime();
        MoveReport failover;
        try {
            failover = db.moveTo(zones.b());
            out.println("3. Node " + zones.a().id() + " was lost; the server failed over to node " + db.node().id()
                    + " in " + failover.downtime().toMillis() + " ms (" + StoryRunner.secondsSince(lost)
                    + " after the Swarm saw the node down), with " + failover.bytesCopied() + " bytes copied.");
            orders.add(db, 4);
        } finally {
            nodes.start(berth, zones.a());
        }
        Pause.of(Duration.ofSeconds(5)); // time for Swarm to start the old task again, were it to
        long count = orders.count(db);
        boolean refused = secondServerRefused(berth, prefix, data);
        out.println("4. Node " + zones.a().id() + " is back: the server on node " + db.node().id() + " has " + count
                + " orders; " + (refused ? "Swarm did not start the old one again, and Berth refused a second server "
                + "on zone a on the same data." : "a second server on the same data was NOT refused."));

        boolean survived = count == 4 && refused && uid.equals(POSTGRES_UID) && failover.bytesCopied() == 0;
        out.println(survived ? "What survived: all four orders, across the loss of the server's node, with one "
                + "server on its data throughout." : "LOST: expected four orders and one server, found " + count
                + " orders" + (refused ? "" : " and a second server") + ".");
        db.remove();
        data.delete();
        return survived;
    }

    /** The server as uid and gid 999: the image's entrypoint then runs PostgreSQL as that user, never as root. */
    private StatefulContainer.Builder server(Berth berth, String name, PersistentVolume data) {
        return berth.container(name).recipe(postgres).user(POSTGRES_UID + ":" + POSTGRES_UID)
                .mount(data, postgres.dataPath());
    }

    private boolean secondServerRefused(Berth berth, String prefix, PersistentVolume data) {
        try {
            server(berth, prefix + "-second", data).placement(Placement.label("zone", "a")).start().remove();
            return false;
        } catch (ExclusiveAccessException expected) {
            return true;
        }
    }
}
