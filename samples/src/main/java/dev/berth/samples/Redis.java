package dev.berth.samples;

import dev.berth.DataProbe;
import dev.berth.Readiness;
import dev.berth.Recipe;
import dev.berth.StatefulContainer;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Redis with append-only persistence: every write goes to the append-only file on the volume, which is fsynced as
 * often as the {@link Durability} level says. Immutable and thread-safe; the {@code with...} methods return changed
 * copies.
 *
 * <pre>{@code
 * Redis redis = new Redis();                                 // redis:7.0, Durability.EVERY_WRITE
 * PersistentVolume data = berth.volume("cache").create();
 * StatefulContainer cache = berth.container("cache").recipe(redis).mount(data, redis.dataPath()).start();
 * try (Jedis jedis = redis.connect(cache)) {
 *     jedis.incr("visits");                                  // on disk before the reply comes back
 * }
 * }</pre>
 *
 * <p>Works with any image whose {@code redis-server} takes its options on the command line, as the official
 * images do. The server has no password, as in the official image: publish it only where that is acceptable.
 */
public final class Redis implements Recipe {
    /** The port Redis listens on inside the container. */
    public static final int PORT = 6379;
    private static final String DATA_PATH = "/data";

    private final String image;
    private final Durability durability;

    /** Redis 7.0 ({@code redis:7.0}), fsyncing every write. */
    public Redis() {
        this("redis:7.0", Durability.EVERY_WRITE);
    }

    private Redis(String image, Durability durability) {
        this.image = Objects.requireNonNull(image, "image");
        this.durability = Objects.requireNonNull(durability, "durability");
    }

    /** The same recipe on another image, such as {@code redis:7.2} or a registry mirror's copy. */
    public Redis withImage(String image) {
        return new Redis(image, durability);
    }

    /** The same recipe with another fsync policy; see {@link Durability} for what each level can lose. */
    public Redis withDurability(Durability durability) {
        return new Redis(image, durability);
    }

    public Durability durability() {
        return durability;
    }

    @Override
    public String image() {
        return image;
    }

    @Override
    public String dataPath() {
        return DATA_PATH;
    }

    @Override
    public List<String> command() {
        return List.of("redis-server", "--appendonly", "yes", "--appendfsync", durability.appendfsync,
                "--dir", DATA_PATH);
    }

    @Override
    public List<Integer> ports() {
        return List.of(PORT);
    }

    /** Ready once Redis answers PING with PONG; while it loads its append-only file it answers LOADING instead. */
    @Override
    public Readiness readiness() {
        return Readiness.when("Redis answers PING", container -> {
            try (Jedis jedis = connect(container)) {
                return "PONG".equals(jedis.ping());
            }
        });
    }

    /** Writes with SET and reads with GET through Jedis; reconnects when the container was recreated. */
    @Override
    public DataProbe probe(StatefulContainer container) {
        return new RedisProbe(this, container);
    }

    /**
     * A new Jedis connection to the container's current address; close it when done. Each call asks the container
     * for its mapped port, so it finds a recreated container too.
     */
    public Jedis connect(StatefulContainer container) {
        return new Jedis(new HostAndPort(container.host(), container.mappedPort(PORT)),
                DefaultJedisClientConfig.builder().connectionTimeoutMillis(2_000).socketTimeoutMillis(10_000).build());
    }

    @Override
    public String toString() {
        return "Redis[image=" + image + ", durability=" + durability + "]";
    }

    /**
     * How often Redis fsyncs its append-only file: what an acknowledged write can lose. In every level Redis writes
     * the command to the file (into the kernel) before it replies, so what differs is what a crash of the host or a
     * power cut, rather than a kill of the container, can take.
     */
    public enum Durability {
        /**
         * {@code appendfsync always}: the file is fsynced before Redis replies, so every acknowledged write survives
         * a kill of the container, a crash of the host and a power cut. The slowest level: one fsync per write (Redis
         * groups the writes of one event-loop turn). The default.
         */
        EVERY_WRITE("always"),
        /**
         * {@code appendfsync everysec}: fsynced once a second in the background. A power cut or crash of the host
         * can lose about the last second of acknowledged writes (up to two when the disk is slow). Even a kill of the
         * container can lose writes when the disk stalls: Redis then postpones writing to the file by up to two
         * seconds while it keeps replying.
         */
        EVERY_SECOND("everysec"),
        /**
         * {@code appendfsync no}: Redis never fsyncs and leaves flushing to the kernel (about every 30 seconds on
         * Linux). A kill of the container loses nothing that was acknowledged, but a power cut or crash of the host
         * can lose everything the kernel had not flushed yet. The fastest level.
         */
        OS_DECIDES("no");

        private final String appendfsync;

        Durability(String appendfsync) {
            this.appendfsync = appendfsync;
        }

        /** The value of Redis' {@code appendfsync} setting for this level. */
        public String appendfsync() {
            return appendfsync;
        }
    }
}
