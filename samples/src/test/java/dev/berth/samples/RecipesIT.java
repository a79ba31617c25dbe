package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.DataProbe;
import dev.berth.PersistentVolume;
import dev.berth.Recipe;
import dev.berth.StatefulContainer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each recipe starts on this machine's images, and its probe speaks the service's protocol across a recreate. */
class RecipesIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();

    static Stream<Arguments> recipes() {
        return Stream.of(Arguments.of("redis", new Redis(), new Redis().image()),
                Arguments.of("postgres", new Postgres(), new Postgres().image()),
                // The official mysql image's recipe, told on the builder to run MariaDB instead.
                Arguments.of("mysql", new MySql(), MySqlDurabilityIT.IMAGE));
    }

    private StatefulContainer start(String name, Recipe recipe, String image) {
        PersistentVolume data = engine.berth().volume(engine.name(name + "-data")).create();
        return engine.berth().container(engine.name(name)).recipe(recipe).image(image)
                .mount(data, recipe.dataPath()).start();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void theProbeWritesAndReadsAndFollowsTheContainerToItsNextIncarnation(String name, Recipe recipe, String image) {
        StatefulContainer container = start(name, recipe, image);
        DataProbe probe = recipe.probe(container);
        probe.write("order:1", "paid");
        probe.write("order:2", "shipped");
        probe.write("order:2", "delivered");

        container.kill();
        container.recreate();
        recipe.quiesce(container);

        assertThat(probe.read("order:1")).contains("paid");
        assertThat(probe.read("order:2")).contains("delivered");
        assertThat(probe.read("order:3")).isEmpty();
        assertThat(probe.readAll(List.of("order:1", "order:3", "order:2")))
                .isEqualTo(Map.of("order:1", "paid", "order:2", "delivered"));
    }

    @Test
    void postgresQuiesceRunsACheckpoint() {
        Postgres pg = new Postgres();
        StatefulContainer db = start("quiesce", pg, pg.image());
        String query = "SELECT checkpoints_req FROM pg_stat_bgwriter";
        long before = Long.parseLong(Jdbc.sql(pg::connect, db, query));

        pg.quiesce(db);

        assertThat(Long.parseLong(Jdbc.sql(pg::connect, db, query))).isEqualTo(before + 1);
    }
}
