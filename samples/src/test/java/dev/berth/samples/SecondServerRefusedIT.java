package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.PersistentVolume;
import dev.berth.PruneReport;
import dev.berth.StatefulContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecondServerRefusedIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();

    @Test
    void theSecondPostgresIsRefusedUpFrontAndTheFirstKeepsItsData() {
        StoryOutput out = new StoryOutput();
        String prefix = engine.name("second");

        boolean survived = new SecondServerRefused().run(engine.berth(), prefix, out.stream());

        assertThat(survived).isTrue();
        assertThat(out.text()).contains("Berth refused to start a second server, " + prefix + "-pg-2",
                "Without Berth, both servers would have started", "silently corrupt", "still serves order 1: paid");
        // Only the first server ever held the volume: the refused one left no container behind.
        PruneReport removed = engine.removeContainers();
        assertThat(removed.containers()).containsExactly(prefix + "-pg");
        PersistentVolume data = engine.volumes().get(0);
        Postgres pg = new Postgres();
        StatefulContainer fresh = engine.berth().container(engine.name("second-check")).recipe(pg)
                .mount(data, pg.dataPath()).start();
        assertThat(Jdbc.sql(pg::connect, fresh, "SELECT status FROM orders WHERE id = 1")).isEqualTo("paid");
    }
}
