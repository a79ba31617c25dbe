package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.MoveReport;
import dev.berth.Node;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import java.io.PrintStream;
import redis.clients.jedis.Jedis;

/**
 * Data that follows its container to another host (seeds 000, the REX-Ray lab, and 001, the Flocker demo): a visit
 * counter's Redis runs on the node labelled {@code zone=a}, counts, then moves to {@code zone=b}, where the count goes
 * on. Plain Docker would start it there on an empty volume; Berth copies every file while Redis runs, sends what
 * changed once it has stopped, checks every file on zone b, and only then starts it. Needs a Swarm whose nodes carry zone labels ({@code scripts/cluster.sh up 2}).
 *
 * <p>Run it with {@code mvn -pl samples exec:java -Ddemo.mainClass=dev.berth.samples.FollowTheData}.
 */
public final class FollowTheData implements Story {
    private final Redis redis = new Redis();

    public static void main(String[] args) {
        StoryRunner.run(new FollowTheData(), "follow");
    }

    @Override
    public boolean run(Berth berth, String prefix, PrintStream out) {
        Zones zones = Zones.of(berth);
        Node zoneA = zones.a();
        Node zoneB = zones.b();
        out.println("Data that follows its container: Redis counts visits on node " + zoneA.id() + " (zone a), then "
                + "moves to node " + zoneB.id() + " (zone b).");
        PersistentVolume data = berth.volume(prefix + "-data").node(zoneA).create();
        StatefulContainer cache = berth.container(prefix + "-redis").recipe(redis).mount(data, redis.dataPath()).start();
        out.println("1. Created volume " + data.name() + " on zone a; Redis started where its data is: node "
                + cache.node().id() + ".");
        long before = visits(cache, 5);
        out.println("2. Counted " + before + " visits on zone a.");

        MoveReport moved = cache.moveTo(zoneB);
        out.println("3. Moved Redis to zone b: copied " + moved.bytesCopied() + " bytes in " + moved.filesVerified()
                + " files through both engines while it ran, stopped it, sent what had changed, checked every file's "
                + "checksum on zone b, started it on node " + cache.node().id() + ": " + moved.downtime().toMillis()
                + " ms without Redis.");
        long after = visits(cache, 1);
        boolean survived = after == before + 1 && cache.node().id().equals(zoneB.id());
        out.println(survived ? "What survived: every visit. The count went on at " + after + " on zone b."
                : "LOST: expected " + (before + 1) + " visits on zone b, counted " + after + ".");
        return survived && sharedMove(berth, prefix, zoneA, zoneB, out);
    }

    /**
     * The lab's move once more, on shared storage (rclone's volume plugin, one directory every node reaches, as
     * REX-Ray's EBS or NFS would): nothing is copied, the container is only started on the other node.
     */
    private boolean sharedMove(Berth berth, String prefix, Node zoneA, Node zoneB, PrintStream out) {
        if (!SharedStorage.available(berth)) {
            out.println("(rclone's volume plugin is not running, so the same move on shared storage is not shown: "
                    + "run scripts/rclone-plugin.sh start, then this story again.)");
            return true;
        }
        PersistentVolume shared = SharedStorage.volume(berth, prefix + "-shared", zoneA)
                .option("uid", "999").option("gid", "999").option("allow-other", "true") // Redis runs as uid 999
                .option("vfs-cache-mode", "writes").create();
        StatefulContainer cache = berth.container(prefix + "-redis-shared").recipe(redis)
                .mount(shared, redis.dataPath()).start();
        long before = visits(cache, 3);
        MoveReport moved = cache.moveTo(zoneB);
        long after = visits(cache, 1);
        boolean survived = after == before + 1 && moved.bytesCopied() == 0 && cache.node().id().equals(zoneB.id());
        out.println("4. The same on shared storage (rclone's plugin, a GLOBAL volume): " + before + " visits on zone "
                + "a, moved to zone b with " + moved.bytesCopied() + " bytes copied, " + moved.downtime().toMillis()
                + " ms without Redis; the count went on at " + after + ".");
        cache.remove();
        shared.delete();
        return survived;
    }

    private long visits(StatefulContainer cache, int n) {
        long count = 0;
        for (int i = 0; i < n; i++) {
            try (Jedis jedis = redis.connect(cache)) {
                count = jedis.incr("visits");
            }
        }
        return count;
    }
}
