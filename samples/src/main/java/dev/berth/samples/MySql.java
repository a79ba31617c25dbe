package dev.berth.samples;

import dev.berth.DataProbe;
import dev.berth.Readiness;
import dev.berth.Recipe;
import dev.berth.StatefulContainer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * MySQL, or MariaDB through the same recipe: InnoDB flushes its redo log at every commit (and the binary log, where
 * there is one, is synced at every commit too), and the server is ready only when it accepts a real connection.
 * Immutable and thread-safe; the {@code with...} methods return changed copies.
 *
 * <pre>{@code
 * MySql mysql = new MySql().withPassword(password);                    // the official mysql:8.4
 * MySql onMariaDb = new MySql().withImage("mariadb:10.11");            // the same recipe on MariaDB
 * StatefulContainer db = berth.container("mydb").recipe(onMariaDb).mount(data, onMariaDb.dataPath()).start();
 * }</pre>
 *
 * <p>Works with any image that honours the official images' {@code MYSQL_ROOT_PASSWORD} and {@code MYSQL_DATABASE}
 * and passes options given as the command to the server, as the official mysql and mariadb images both do. Clients
 * connect as root with the MariaDB Connector/J, which speaks to both; it may fetch MySQL 8's RSA key to send the
 * password, so use it on networks you trust. The default password is for samples and tests only: give your own
 * with {@link #withPassword}, and keep giving the same one, since the server keeps the one it was first set up with.
 */
public final class MySql implements Recipe {
    /** The port the server listens on inside the container. */
    public static final int PORT = 3306;
    private static final String DATA_PATH = "/var/lib/mysql";

    private final String image;
    private final String password;
    private final String database;

    /** The official MySQL 8.4 image ({@code mysql:8.4}), database {@code app}, the samples' root password. */
    public MySql() {
        this("mysql:8.4", "berth-sample", "app");
    }

    private MySql(String image, String password, String database) {
        this.image = Objects.requireNonNull(image, "image");
        this.password = Objects.requireNonNull(password, "password");
        this.database = Objects.requireNonNull(database, "database");
    }

    /** The same recipe on another image, such as {@code mysql:8.0} or {@code mariadb:10.11}. */
    public MySql withImage(String image) {
        return new MySql(image, password, database);
    }

    /** Root's password ({@code MYSQL_ROOT_PASSWORD}), passed as a secret. */
    public MySql withPassword(String password) {
        return new MySql(image, password, database);
    }

    /** The database created on first start ({@code MYSQL_DATABASE}), which clients and the probe use. */
    public MySql withDatabase(String database) {
        return new MySql(image, password, database);
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
    public Map<String, String> env() {
        return Map.of("MYSQL_DATABASE", database);
    }

    @Override
    public Map<String, String> secretEnv() {
        return Map.of("MYSQL_ROOT_PASSWORD", password);
    }

    /**
     * Server options only: both official entrypoints put their own server ({@code mysqld} or {@code mariadbd}) in
     * front of a command that starts with a dash.
     */
    @Override
    public List<String> command() {
        return List.of("--innodb-flush-log-at-trx-commit=1", "--sync-binlog=1");
    }

    @Override
    public List<Integer> ports() {
        return List.of(PORT);
    }

    @Override
    public Readiness readiness() {
        return Jdbc.answersQueries("MySQL", this::connect);
    }

    /** Writes and reads an InnoDB table {@code berth_probe} over JDBC; reconnects when the container was recreated. */
    @Override
    public DataProbe probe(StatefulContainer container) {
        return new SqlProbe("MySQL on container '" + container.name() + "'", SqlProbe.Dialect.MYSQL,
                () -> connect(container));
    }

    /** A new JDBC connection, as root, to the container's current address and its database; close it when done. */
    public Connection connect(StatefulContainer container) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "root");
        properties.setProperty("password", ServiceEnv.value(container.spec(), "MYSQL_ROOT_PASSWORD", password));
        properties.setProperty("allowPublicKeyRetrieval", "true");
        properties.setProperty("connectTimeout", "2000");
        properties.setProperty("socketTimeout", "10000");
        String url = "jdbc:mariadb://" + container.host() + ":" + container.mappedPort(PORT) + "/"
                + ServiceEnv.value(container.spec(), "MYSQL_DATABASE", database);
        return Jdbc.open(new org.mariadb.jdbc.Driver(), url, properties);
    }

    @Override
    public String toString() {
        return "MySql[image=" + image + ", database=" + database + ", password=******]";
    }
}
