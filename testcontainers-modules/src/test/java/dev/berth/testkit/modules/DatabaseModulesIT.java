package dev.berth.testkit.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Berth;
import dev.berth.BerthSettings;
import dev.berth.PersistentVolume;
import dev.berth.PruneOptions;
import dev.berth.StatefulContainer;
import dev.berth.testkit.BerthTestcontainers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers' own database modules on Berth volumes, with their own waits: a row written before a kill and a
 * recreate is read after each, and no restart waits for the "ready" line a second time (the first start on the empty
 * volume prints it twice, a restart once).
 */
class DatabaseModulesIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String LABEL = "dev.berth.testkit.modules.it-run";
    private static final Berth berth = Berth.connect(BerthSettings.builder()
            .dockerHost(System.getProperty("berth.it.dockerHost", "unix:///var/run/docker.sock"))
            .publishedHost(System.getProperty("berth.it.publishedHost", "localhost")).label(LABEL, RUN).build());

    @AfterAll
    static void cleanUp() {
        berth.prune(PruneOptions.builder().label(LABEL, RUN).includeRunning(true).includeVolumes(true)
                .build());
        berth.close();
    }

    @Test
    void aPostgreSQLContainerKeepsItsRowsThroughKillAndRecreate() throws Exception {
        PersistentVolume data = berth.volume("tc-pg-" + RUN).create();
        try (PostgreSQLContainer pg = new PostgreSQLContainer(DockerImageName.parse("postgres:15"))) {
            StatefulContainer stateful = BerthTestcontainers.mount(pg, data, "/var/lib/postgresql/data");
            survivesKillAndRecreate(pg, stateful);
        }
    }

    @Test
    void aMariaDBContainerKeepsItsRowsThroughKillAndRecreate() throws Exception {
        PersistentVolume data = berth.volume("tc-maria-" + RUN).create();
        try (MariaDBContainer maria = new MariaDBContainer(DockerImageName.parse("mariadb:10.11"))) {
            StatefulContainer stateful = BerthTestcontainers.mount(maria, data, "/var/lib/mysql");
            survivesKillAndRecreate(maria, stateful);
        }
    }

    private static void survivesKillAndRecreate(JdbcDatabaseContainer<?> db, StatefulContainer stateful)
            throws SQLException {
        stateful.start();
        sql(db, "CREATE TABLE orders (id INT PRIMARY KEY, item VARCHAR(40))");
        sql(db, "INSERT INTO orders VALUES (1, 'first')");

        stateful.kill();
        long started = System.nanoTime();
        stateful.start();
        assertThat(item(db)).as("after a kill").isEqualTo("first");
        sql(db, "INSERT INTO orders VALUES (2, 'second')");

        stateful.recreate();
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertThat(item(db)).as("after a recreate").isEqualTo("first");
        assertThat(count(db)).isEqualTo(2);
        assertThat(seconds).as("two restarts on existing data, each waiting for its ready line once").isLessThan(90);
    }

    private static void sql(JdbcDatabaseContainer<?> db, String statement) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String item(JdbcDatabaseContainer<?> db) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT item FROM orders WHERE id = 1")) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static int count(JdbcDatabaseContainer<?> db) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM orders")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static Connection connect(JdbcDatabaseContainer<?> db) throws SQLException {
        return DriverManager.getConnection(db.getJdbcUrl(), db.getUsername(), db.getPassword());
    }
}
