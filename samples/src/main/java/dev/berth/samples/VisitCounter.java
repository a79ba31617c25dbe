package dev.berth.samples;

import dev.berth.Berth;
import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import java.io.PrintStream;
import java.util.Objects;
import redis.clients.jedis.Jedis;

/**
 * The visit counter (seed 003): a web app counts its visits in Redis with {@code INCR}, and the count must keep
 * going when Redis is redeployed (a new container from the same spec) or crashes. The count lives in Redis'
 * append-only file on a volume, not in the container.
 *
 * <p>Run it with {@code mvn -pl samples exec:java -Ddemo.mainClass=dev.berth.samples.VisitCounter}.
 */
public final class VisitCounter implements Story {
    private static final String KEY = "visits";
    private final Redis redis;

    /** The story on the {@link Redis} recipe's defaults. */
    public VisitCounter() {
        this(new Redis());
    }

    /** The story on the given recipe, such as {@code new Redis().withImage("redis:7.2")}. */
    public VisitCounter(Redis redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    public static void main(String[] args) {
        StoryRunner.run(new VisitCounter(), "visits");
    }

    @Override
    public boolean run(Berth berth, String prefix, PrintStream out) {
        out.println("The visit counter: a web app counts its visits in Redis, whose container is redeployed, then "
                + "killed. The count must go on.");
        PersistentVolume data = berth.volume(prefix + "-data").create();
        StatefulContainer cache = berth.container(prefix + "-redis").recipe(redis).mount(data, redis.dataPath())
                .start();
        out.println("1. Started Redis (" + redis.image() + ", append-only file fsynced "
                + redis.durability().appendfsync() + ") in container " + cache.name() + ", its data on volume "
                + data.name() + ".");
        visits(cache, 3, out);

        cache.recreate();
        out.println("2. Redeployed Redis, as a stack deploy does: its container was removed and a new one started "
                + "from the same spec on the same volume.");
        long afterRedeploy = visits(cache, 3, out);

        cache.kill();
        out.println("3. Killed Redis with SIGKILL right after the last visit was counted, like a crash.");
        cache.recreate();
        out.println("   Started it again: a new container on the same volume.");
        long afterCrash = visits(cache, 1, out);

        boolean survived = afterRedeploy == 6 && afterCrash == 7;
        out.println(survived
                ? "What survived: all 7 visits. The count went on across a redeploy and a crash."
                : "LOST: the count should have reached 6 after the redeploy and 7 after the crash, but was "
                        + afterRedeploy + " and " + afterCrash + ".");
        return survived;
    }

    /** Counts {@code n} visits, each on its own connection, as separate web requests would; returns the last count. */
    private long visits(StatefulContainer cache, int n, PrintStream out) {
        long count = 0;
        for (int i = 0; i < n; i++) {
            try (Jedis jedis = redis.connect(cache)) {
                count = jedis.incr(KEY);
            }
            out.println("   Hello World! Visits: " + count);
        }
        return count;
    }
}
