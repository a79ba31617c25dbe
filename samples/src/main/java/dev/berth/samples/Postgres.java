package dev.berth.samples;

import dev.berth.BerthException;
import dev.berth.DataProbe;
import dev.berth.ExecResult;
import dev.berth.Readiness;
import dev.berth.Recipe;
import dev.berth.StatefulContainer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * PostgreSQL with its data directory ({@code PGDATA}) in a subdirectory of the volume, so that whatever the volume's
 * driver puts at its root (such as {@code lost+found}) never stops {@code initdb}. Ready only when the server
 * accepts a real connection; {@link #quiesce} runs a {@code CHECKPOINT}. Immutable and thread-safe; the
 * {@code with...} methods return changed copies.
 *
 * <pre>{@code
 * Postgres pg = new Postgres().withPassword(password);      // postgres:15
 * PersistentVolume data = berth.volume("orders-pg").create();
 * StatefulContainer db = berth.container("orders-pg").recipe(pg).mount(data, pg.dataPath()).start();
 * try (Connection c = pg.connect(db)) { ... }
 * }</pre>
 *
 * <p>Works with any image that honours the official image's {@code PGDATA} and {@code POSTGRES_*} variables; the
 * images of PostgreSQL 18 and later, which expect their volume one level up, accept this layout because
 * {@code PGDATA} lies inside the mount. The password goes to the container as a secret (never logged). The default
 * password is for samples and tests only: give your own with {@link #withPassword}, and keep giving the same one,
 * since the database keeps the password it was first created with.
 */
public final class Postgres implements Recipe {
    /** The port PostgreSQL listens on inside the container. */
    public static final int PORT = 5432;
    private static final String DATA_PATH = "/var/lib/postgresql/data";

    private final String image;
    private final String user;
    private final String password;
    private final String database;

    /** PostgreSQL 15 ({@code postgres:15}), user and database {@code postgres}, the samples' password. */
    public Postgres() {
        this("postgres:15", "postgres", "berth-sample", "postgres");
    }

    private Postgres(String image, String user, String password, String database) {
        this.image = Objects.requireNonNull(image, "image");
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        this.database = Objects.requireNonNull(database, "database");
    }

    /** The same recipe on another image, such as {@code postgres:16}. */
    public Postgres withImage(String image) {
        return new Postgres(image, user, password, database);
    }

    /** The superuser's name, created on first start ({@code POSTGRES_USER}). */
    public Postgres withUser(String user) {
        return new Postgres(image, user, password, database);
    }

    /** The superuser's password ({@code POSTGRES_PASSWORD}), passed as a secret. */
    public Postgres withPassword(String password) {
        return new Postgres(image, user, password, database);
    }

    /** The database created on first start ({@code POSTGRES_DB}), which clients and the probe use. */
    public Postgres withDatabase(String database) {
        return new Postgres(image, user, password, database);
    }

    @Override
    public String image() {
        return image;
    }

    /** Where the volume is mounted; the data directory itself is its subdirectory {@code pgdata}. */
    @Override
    public String dataPath() {
        return DATA_PATH;
    }

    @Override
    public Map<String, String> env() {
        return Map.of("PGDATA", DATA_PATH + "/pgdata", "POSTGRES_USER", user, "POSTGRES_DB", database);
    }

    @Override
    public Map<String, String> secretEnv() {
        return Map.of("POSTGRES_PASSWORD", password);
    }

    /** The server, with the settings a committed transaction's durability rests on stated, not assumed. */
    @Override
    public List<String> command() {
        return List.of("postgres", "-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on");
    }

    @Override
    public List<Integer> ports() {
        return List.of(PORT);
    }

    @Override
    public Readiness readiness() {
        return Jdbc.answersQueries("PostgreSQL", this::connect);
    }

    /** Runs {@code CHECKPOINT}: every change so far is written to the data files, so a snapshot needs little WAL. */
    @Override
    public void quiesce(StatefulContainer container) {
        try (Connection c = connect(container); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new BerthException("CHECKPOINT on container '" + container.name() + "' failed: " + e.getMessage()
                    + ". Is the server running, and is the recipe's user a superuser?", e);
        }
    }

    /** Writes and reads a table {@code berth_probe} over JDBC; reconnects when the container was recreated. */
    @Override
    public DataProbe probe(StatefulContainer container) {
        return new SqlProbe("PostgreSQL on container '" + container.name() + "'", SqlProbe.Dialect.POSTGRES,
                () -> connect(container));
    }

    /**
     * A new JDBC connection to the container's current address, as the container's user to its database; close it
     * when done.
     */
    public Connection connect(StatefulContainer container) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", ServiceEnv.value(container.spec(), "POSTGRES_USER", user));
        properties.setProperty("password", ServiceEnv.value(container.spec(), "POSTGRES_PASSWORD", password));
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "10");
        String url = "jdbc:postgresql://" + container.host() + ":" + container.mappedPort(PORT) + "/"
                + ServiceEnv.value(container.spec(), "POSTGRES_DB", database);
        return Jdbc.open(new org.postgresql.Driver(), url, properties);
    }

    /**
     * Lets standbys stream from this primary: adds {@code host replication all all scram-sha-256} to its
     * {@code pg_hba.conf} (once) and reloads it. Password-protected, like every other TCP connection.
     */
    public void allowReplication(StatefulContainer primary) {
        String script = "grep -q '^host replication all all' \"$PGDATA/pg_hba.conf\" || "
                + "echo 'host replication all all scram-sha-256' >> \"$PGDATA/pg_hba.conf\"";
        ExecResult added = primary.exec("gosu", "postgres", "bash", "-c", script);
        if (added.exitCode() != 0) {
            throw new BerthException("Could not allow replication on '" + primary.name() + "': " + added.stderr());
        }
        try (Connection c = connect(primary); Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new BerthException("Reloading the configuration of '" + primary.name() + "' failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A recipe for a hot standby of {@code primary}, with this recipe's image, user and password: it copies the primary
     * on its first start and streams its WAL from then on. Lets the primary take standbys first
     * ({@link #allowReplication}, done once).
     */
    public PostgresStandby standbyOf(StatefulContainer primary) {
        allowReplication(primary);
        return new PostgresStandby(this, reachableHost(primary), primary.mappedPort(PORT),
                ServiceEnv.value(primary.spec(), "POSTGRES_PASSWORD", password));
    }

    /**
     * Points a standby at another primary, after a promotion: it streams from there from now on, following the new
     * primary's timeline ({@code primary_conninfo}, reloaded; PostgreSQL 13 and later). Promote the standby that
     * {@link #replayedWalBytes} shows furthest ahead, then point the others at it: one that had replayed more than
     * the new primary could not follow.
     */
    public void follow(StatefulContainer standby, StatefulContainer primary) {
        String conninfo = "host=" + reachableHost(primary) + " port=" + primary.mappedPort(PORT) + " user="
                + ServiceEnv.value(standby.spec(), "POSTGRES_USER", user) + " application_name=" + standby.name()
                + " password=" + conninfoQuoted(ServiceEnv.value(primary.spec(), "POSTGRES_PASSWORD", password));
        try (Connection c = connect(standby); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET primary_conninfo = '" + conninfo.replace("'", "''") + "'");
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            // the statement holds the password: only the server's own words are shown
            throw new BerthException("Pointing standby '" + standby.name() + "' at '" + primary.name() + "' failed: "
                    + e.getSQLState() + ". Is it a standby that answers queries?", e);
        }
    }

    /** How much of its primary's WAL a standby has replayed, in bytes from the start ({@code pg_last_wal_replay_lsn}). */
    public long replayedWalBytes(StatefulContainer standby) {
        try (Connection c = connect(standby); Statement s = c.createStatement();
                java.sql.ResultSet row = s.executeQuery("SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new BerthException("Reading the replay position of '" + standby.name() + "' failed: "
                    + e.getMessage(), e);
        }
    }

    /** Where a server's other nodes reach it: its node's address on a Swarm, else the engine's host. */
    private static String reachableHost(StatefulContainer server) {
        return server.node().address().orElse(server.host());
    }

    /** A conninfo value in single quotes, with its backslashes and quotes escaped. */
    private static String conninfoQuoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Promotes a standby: it stops following its primary and takes writes ({@code pg_promote()}). */
    public void promote(StatefulContainer standby) {
        try (Connection c = connect(standby); Statement s = c.createStatement()) {
            s.execute("SELECT pg_promote(true, 30)");
        } catch (SQLException e) {
            throw new BerthException("Promoting '" + standby.name() + "' failed: " + e.getMessage()
                    + ". Is it a standby that answers queries?", e);
        }
    }

    @Override
    public String toString() {
        return "Postgres[image=" + image + ", user=" + user + ", database=" + database + ", password=******]";
    }
}
