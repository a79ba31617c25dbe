package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.PersistentVolume;
import dev.berth.Placement;
import dev.berth.StatefulContainer;
import java.io.PrintStream;
import redis.clients.jedis.Jedis;

/**
 * Redis pinned to the Swarm manager (seed 004, the Swarm tutorial): with a LOCAL volume, a stateful service must
 * always run where its data is. The placement says "manager only"; every redeploy lands on the manager's volume and
 * finds the data.
 *
 * <p>Run it with {@code mvn -pl samples exec:java -Ddemo.mainClass=dev.berth.samples.PinnedToTheManager}.
 */
public final class PinnedToTheManager implements Story {
    private final Redis redis = new Redis();

    public static void main(String[] args) {
        StoryRunner.run(new PinnedToTheManager(), "pinned");
    }

    @Override
    public boolean run(Berth berth, String prefix, PrintStream out) {
        out.println("Redis pinned to the manager: redeployed three times, it must find its data each time.");
        PersistentVolume data = berth.volume(prefix + "-data").create();
        StatefulContainer cache = berth.container(prefix + "-redis").recipe(redis).mount(data, redis.dataPath())
                .placement(Placement.managerOnly()).start();
        out.println("1. Started Redis with " + Placement.managerOnly() + " on node " + cache.node().id() + " ("
                + cache.node().role() + "), its data on volume " + data.name() + ".");
        try (Jedis jedis = redis.connect(cache)) {
            jedis.set("greeting", "hello from the first deploy");
        }
        for (int deploy = 2; deploy <= 4; deploy++) {
            cache.recreate();
            out.println(deploy + ". Redeployed: a new container on node " + cache.node().id() + ".");
        }
        String greeting;
        try (Jedis jedis = redis.connect(cache)) {
            greeting = jedis.get("greeting");
        }
        boolean survived = "hello from the first deploy".equals(greeting);
        out.println(survived ? "What survived: the first deploy's data, after three redeploys."
                : "LOST: the fourth deploy found '" + greeting + "'.");
        return survived;
    }
}
