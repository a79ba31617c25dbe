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
 * on. Plain Docker would start it there on an empty volume; Berth copies every file, verifies it, and only then
 * starts it. Needs a Swarm whose nodes carry zone labels ({@code scripts/cluster.sh up 2}).
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
        out.println("3. Moved Redis to zone b: stopped it, copied " + moved.bytesCopied() + " bytes in "
                + moved.filesVerified() + " files through the Engine API, verified each file's checksum, started it "
                + "on node " + cache.node().id() + ": " + moved.downtime().toMillis() + " ms without Redis.");
        long after = visits(cache, 1);
        boolean survived = after == before + 1 && cache.node().id().equals(zoneB.id());
        out.println(survived ? "What survived: every visit. The count went on at " + after + " on zone b."
                : "LOST: expected " + (before + 1) + " visits on zone b, counted " + after + ".");
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
