package dev.berth.samples;

import dev.berth.BerthException;
import dev.berth.DataProbe;
import dev.berth.StatefulContainer;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Jedis;

/** Writes with SET and reads with GET and MGET, through Jedis; reconnects when the container was recreated. */
final class RedisProbe implements DataProbe {
    private static final int BATCH = 1000;
    private final Reconnecting<Jedis> redis;

    RedisProbe(Redis recipe, StatefulContainer container) {
        this.redis = new Reconnecting<>("Redis on container '" + container.name() + "'",
                () -> recipe.connect(container));
    }

    @Override
    public void write(String key, String value) {
        String reply = redis.call(jedis -> jedis.set(key, value));
        if (!"OK".equals(reply)) {
            throw new BerthException("Redis did not acknowledge SET " + key + ": it replied " + reply);
        }
    }

    @Override
    public Optional<String> read(String key) {
        return Optional.ofNullable(redis.call(jedis -> jedis.get(key)));
    }

    @Override
    public Map<String, String> readAll(Collection<String> wanted) {
        List<String> keys = List.copyOf(wanted);
        Map<String, String> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
            List<String> values = redis.call(jedis -> jedis.mget(batch.toArray(String[]::new)));
            for (int i = 0; i < batch.size(); i++) {
                if (values.get(i) != null) {
                    found.put(batch.get(i), values.get(i));
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        redis.close();
    }
}
