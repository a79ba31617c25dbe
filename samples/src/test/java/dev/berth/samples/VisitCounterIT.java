package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.PersistentVolume;
import dev.berth.StatefulContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

class VisitCounterIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();

    @Test
    void theCountGoesOnAcrossARedeployAndACrash() {
        StoryOutput out = new StoryOutput();

        boolean survived = new VisitCounter().run(engine.berth(), engine.name("visits"), out.stream());

        assertThat(survived).isTrue();
        assertThat(out.text()).contains("Visits: 3\n2. Redeployed", "Visits: 4", "Visits: 7", "What survived");
        // Not only the story's word for it: a fresh Redis on the story's volume has the count.
        engine.removeContainers();
        PersistentVolume data = engine.volumes().get(0);
        Redis redis = new Redis();
        StatefulContainer fresh = engine.berth().container(engine.name("visits-check")).recipe(redis)
                .mount(data, redis.dataPath()).start();
        try (Jedis jedis = redis.connect(fresh)) {
            assertThat(jedis.get("visits")).isEqualTo("7");
        }
    }
}
