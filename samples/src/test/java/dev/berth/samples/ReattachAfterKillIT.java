package dev.berth.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.PersistentVolume;
import dev.berth.PruneReport;
import dev.berth.StatefulContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReattachAfterKillIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();

    @Test
    void aKilledDatabaseReattachedToItsFilesHasEveryCommittedOrder() {
        StoryOutput out = new StoryOutput();
        String prefix = engine.name("reattach");
        MySql mysql = new MySql().withImage(MySqlDurabilityIT.IMAGE);

        boolean survived = new ReattachAfterKill(mysql).run(engine.berth(), prefix, out.stream());

        assertThat(survived).isTrue();
        assertThat(out.text()).contains("Killed the container with SIGKILL", "brand-new container of the same name",
                "Read the orders back: 1 paid, 2 shipped, 3 paid", "What survived");
        // One container of that name is left, the re-attached one; a fresh server on the volume agrees.
        PruneReport removed = engine.removeContainers();
        assertThat(removed.containers()).containsExactly(prefix + "-mydb");
        PersistentVolume data = engine.volumes().get(0);
        StatefulContainer fresh = engine.berth().container(engine.name("reattach-check")).recipe(mysql)
                .mount(data, mysql.dataPath()).start();
        assertThat(Jdbc.sql(mysql::connect, fresh, "SELECT COUNT(*) FROM orders")).isEqualTo("3");
    }
}
