package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Consistency;
import dev.berth.DataProbe;
import dev.berth.ExecResult;
import dev.berth.PersistentVolume;
import dev.berth.Readiness;
import dev.berth.Recipe;
import dev.berth.Snapshot;
import dev.berth.StatefulContainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A snapshot of a running Postgres, restored into a new volume, starts a second Postgres with the data it had. */
class SnapshotPostgresIT {
    @RegisterExtension
    static final EngineFixture engine = new EngineFixture();
    @RegisterExtension
    static final SnapshotFixture snapshots = new SnapshotFixture(engine);

    /** postgres:15 with its data in a subdirectory of the volume; quiesce runs a CHECKPOINT. */
    static final class Pg implements Recipe {
        @Override
        public String image() {
            return "postgres:15";
        }

        @Override
        public String dataPath() {
            return "/var/lib/postgresql/data";
        }

        @Override
        public Map<String, String> env() {
            return Map.of("PGDATA", "/var/lib/postgresql/data/pgdata");
        }

        @Override
        public Map<String, String> secretEnv() {
            return Map.of("POSTGRES_PASSWORD", "snapshot-it");
        }

        @Override
        public Readiness readiness() {
            return Readiness.command("pg_isready", "-h", "127.0.0.1", "-U", "postgres");
        }

        @Override
        public void quiesce(StatefulContainer container) {
            sql(container, "CHECKPOINT");
        }

        @Override
        public DataProbe probe(StatefulContainer container) {
            throw new UnsupportedOperationException("not needed here");
        }
    }

    static String sql(StatefulContainer pg, String statement) {
        ExecResult result = pg.exec("psql", "-U", "postgres", "-tA", "-v", "ON_ERROR_STOP=1", "-c", statement);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result.stdout().strip();
    }

    @Test
    void aRestoredPostgresStartsWithItsData() {
        Pg recipe = new Pg();
        PersistentVolume data = snapshots.berth().volume(engine.name("pg")).create();
        StatefulContainer pg = snapshots.berth().container(engine.name("pg")).recipe(recipe)
                .mount(data, recipe.dataPath()).start();
        sql(pg, "CREATE TABLE orders (id int PRIMARY KEY, state text)");
        sql(pg, "INSERT INTO orders SELECT g, 'paid' FROM generate_series(1, 1000) g");

        Snapshot snapshot = data.snapshot("before-migration");
        sql(pg, "INSERT INTO orders VALUES (1001, 'after the snapshot')");

        assertThat(snapshot.consistency()).isEqualTo(Consistency.APPLICATION_CONSISTENT);
        assertThat(snapshot.downtime()).isLessThan(java.time.Duration.ofSeconds(1));
        PersistentVolume copy = snapshot.restore(engine.name("pg-copy"));
        StatefulContainer restored = snapshots.berth().container(engine.name("pg-copy")).recipe(recipe)
                .mount(copy, recipe.dataPath()).start();
        assertThat(sql(restored, "SELECT count(*), max(id) FROM orders")).isEqualTo("1000|1000");
        assertThat(sql(pg, "SELECT count(*) FROM orders")).isEqualTo("1001");
        assertThat(List.of(pg.name(), restored.name())).doesNotHaveDuplicates();
    }
}
