package dev.berth.samples;

import dev.berth.BerthException;
import dev.berth.Readiness;
import dev.berth.StatefulContainer;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;

/** What the SQL recipes and stories share: opening a connection, readiness on a real one, running statements. */
final class Jdbc {
    private Jdbc() {
    }

    /**
     * Opens a connection through the driver itself rather than {@code DriverManager}, which does not see drivers
     * loaded by another class loader (as under {@code mvn exec:java} or in an application server).
     */
    static Connection open(Driver driver, String url, Properties properties) throws SQLException {
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException(driver.getClass().getName() + " does not take the URL " + url);
        }
        return connection;
    }

    /**
     * Ready once a new connection answers {@code SELECT 1}: the server accepts clients, which an open TCP port does
     * not prove (the official images' entrypoints run a temporary server first, and a database in crash recovery
     * refuses clients).
     */
    static Readiness answersQueries(String server, Connector connector) {
        return Readiness.when(server + " accepts a connection and answers SELECT 1", container -> {
            try (Connection c = connector.connect(container); Statement s = c.createStatement()) {
                return s.execute("SELECT 1");
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /**
     * Runs the statements, one by one, on a new connection, and returns the first column of the first row of the
     * last one's result ({@code ""} when it has none or it is NULL).
     *
     * @throws BerthException when a statement fails
     */
    static String sql(Connector connector, StatefulContainer container, String... statements) {
        try (Connection c = connector.connect(container); Statement s = c.createStatement()) {
            String first = "";
            for (String statement : statements) {
                first = "";
                if (s.execute(statement)) {
                    try (ResultSet r = s.getResultSet()) {
                        first = r.next() ? Objects.toString(r.getString(1), "") : "";
                    }
                }
            }
            return first;
        } catch (SQLException e) {
            throw new BerthException("SQL on container '" + container.name() + "' failed: " + e.getMessage(), e);
        }
    }

    /** Opens a connection to a container's current address. */
    @FunctionalInterface
    interface Connector {
        Connection connect(StatefulContainer container) throws SQLException;
    }
}
